using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Bench.EndToEnd;
using ScriptComposer.Dsl.Media;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.Transport;

/// <summary>
/// <c>bench -- pipe</c>: how fast raw I420 frames reach ffmpeg through each way sc could send them: its standard input
/// at Linux's default pipe size, its standard input enlarged to 1 MiB with F_SETPIPE_SZ, and sc's own socket input
/// (<see cref="FfmpegProcess.StartWithSocketInput"/>, what its encoder uses). ffmpeg demuxes the frames and
/// drops them (<c>-f null</c>), so the transport is most of the cost; <c>--encode</c> adds sc's x264 settings to see its
/// share of a real render. Rounds alternate the order; medians of frames/s and of CPU (sc + ffmpeg) per frame.
/// </summary>
internal static class TransportRunner
{
    private delegate void Transport(byte[][] frames, int width, int height, IReadOnlyList<string> output);

    public static int Run(string[] args)
    {
        var frames = Option(args, "--frames", 600);
        var runs = Option(args, "--runs", 5);
        var encode = args.Contains("--encode");
        var size = Option(args, "--size") ?? "1280x720";
        var parts = size.Split('x');
        int width = int.Parse(parts[0], CultureInfo.InvariantCulture), height = int.Parse(parts[1], CultureInfo.InvariantCulture);
        string[] output = encode
            ? ["-c:v", "libx264", "-preset", "veryfast", "-threads", "2", "-f", "mp4", "-movflags", "frag_keyframe+empty_moov", "-y", "/dev/null"]
            : ["-f", "null", "-"];

        // A few distinct frames (gradients that move), sent round-robin: the content matters only when encoding.
        var layout = new Gpu.Yuv420Layout(width, height);
        var distinct = Enumerable.Range(0, 8).Select(k =>
        {
            var frame = new byte[layout.TotalBytes];
            for (var i = 0; i < layout.LumaBytes; i++)
                frame[i] = (byte)(16 + (i % width + 4 * k + i / width) % 220);
            Array.Fill(frame, (byte)128, layout.LumaBytes, layout.TotalBytes - layout.LumaBytes);
            return frame;
        }).ToArray();
        var sequence = Enumerable.Range(0, frames).Select(i => distinct[i % distinct.Length]).ToArray();

        var transports = new (string Name, Transport Send)[]
        {
            ("stdin pipe, 64 KiB (Linux default)", (f, w, h, o) => Stdin(f, w, h, o, enlarge: false)),
            ("stdin pipe, 1 MiB (F_SETPIPE_SZ)", (f, w, h, o) => Stdin(f, w, h, o, enlarge: true)),
            ("FfmpegProcess socket input (what sc's encoder uses)", ScSocket),
        };
        var fps = transports.Select(_ => new List<double>()).ToArray();
        var cpu = transports.Select(_ => new List<double>()).ToArray();
        Console.WriteLine($"{frames} frames of {width}x{height} I420 ({layout.TotalBytes / 1048576.0:0.00} MiB each) into ffmpeg {string.Join(' ', output)}; {runs} rounds");
        for (var round = 0; round < runs; round++)
        {
            var order = Enumerable.Range(0, transports.Length).ToArray();
            if (round % 2 == 1) Array.Reverse(order);
            foreach (var t in order)
            {
                var before = CpuTime.Now();
                var clock = Stopwatch.StartNew();
                transports[t].Send(sequence, width, height, output);
                var seconds = clock.Elapsed.TotalSeconds;
                var used = CpuTime.Now() - before;
                fps[t].Add(frames / seconds);
                cpu[t].Add((used.Self + used.Children).TotalMilliseconds / frames);
            }
            Console.WriteLine($"   round {round + 1}: " + string.Join(", ", transports.Select((x, t) => $"{fps[t][^1]:0} fps")));
        }

        Console.WriteLine();
        Console.WriteLine("| transport | frames/s | CPU ms per frame (sc + ffmpeg) |");
        Console.WriteLine("|---|---:|---:|");
        for (var t = 0; t < transports.Length; t++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {transports[t].Name} | {Median(fps[t]):0} | {Median(cpu[t]):0.00} |"));
        return 0;
    }

    private static List<string> InputArguments(int width, int height, string input) =>
    [
        "-hide_banner", "-loglevel", "error", "-nostdin",
        "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-r", "30", "-i", input,
    ];

    private static void Stdin(byte[][] frames, int width, int height, IReadOnlyList<string> output, bool enlarge)
    {
        var info = new ProcessStartInfo(FfmpegTools.FfmpegPath) { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in InputArguments(width, height, "pipe:0").Concat(output)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdin = process.StandardInput.BaseStream;
        if (enlarge && PipeBuffer.TryEnlarge(stdin) < PipeBuffer.RequestedBytes)
            throw new InvalidOperationException("F_SETPIPE_SZ was refused here; the 1 MiB row would measure the default pipe.");
        foreach (var frame in frames)
            stdin.Write(frame);
        stdin.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg exited with {process.ExitCode} reading from its standard input.");
    }

    private static void ScSocket(byte[][] frames, int width, int height, IReadOnlyList<string> output)
    {
        using var ffmpeg = FfmpegProcess.StartWithSocketInput(input => [.. InputArguments(width, height, input), .. output]);
        foreach (var frame in frames)
            ffmpeg.Input.Write(frame);
        ffmpeg.Input.Close();
        if (ffmpeg.WaitForExit() != 0)
            throw new InvalidOperationException($"ffmpeg failed reading sc's socket: {ffmpeg.StderrTail}");
    }
}
