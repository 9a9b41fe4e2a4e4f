using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>
/// <c>bench -- e2e [--runs N] [--only NAME] [--preset P] [--threads T] [--backend cpu|cuda|auto]</c>: renders each
/// reference composition with <c>sc</c> (in process: the script evaluated once by <see cref="ScriptHost"/>, then
/// <see cref="RenderJob.RenderVideo"/> timed) and with its plain-ffmpeg twin (a process), alternately, N rounds, and
/// reports medians. Neither side's timing includes starting .NET or compiling the script; both include starting
/// the ffmpeg processes they need. Each round also measures the encode-only ceiling (ffmpeg encoding sc's frames,
/// already decoded to raw I420 in memory, from a pipe with the same arguments as sc's encoder) and the null sink
/// (sc's per-frame work into an I420 buffer with no encoder, with the planar path on and off), which split sc's time into
/// compositing and encoding.
/// </summary>
internal static class EndToEndRunner
{
    public static int Run(string[] args)
    {
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var only = Option(args, "--only");
        var preset = Option(args, "--preset") ?? "veryfast";
        var threads = int.Parse(Option(args, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var backendKind = Enum.Parse<BackendKind>(Option(args, "--backend") ?? "auto", ignoreCase: true);

        var artifacts = Path.Combine(Repository.Bench, "artifacts", "e2e");
        var media = Path.Combine(artifacts, "media");
        var outputs = Path.Combine(artifacts, "out");
        Directory.CreateDirectory(outputs);
        MediaSetup.Ensure(media);

        using var choice = Backends.Create(backendKind).Backend;
        var backend = choice;
        if (backend is Gpu.Cuda.CudaBackend cuda)
            cuda.Warm();
        var host = new ScriptHost();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"backend {backend.Name} ({backend.Device}); {runs} alternating rounds; libx264 -preset {preset} -threads {threads}; {FfmpegTools.Version()}");
        report.AppendLine();
        report.AppendLine("| composition | frames | sc fps | ffmpeg fps | ceiling fps | null-sink fps, every frame whole | null sink, RGBA path only | null sink, only what changed | **sc/ffmpeg** | **sc/ceiling** | sc RSS at 25% → 100% (peak) |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var commands = new StringBuilder();
        var cpuReport = new StringBuilder();

        foreach (var composition in Compositions.All.Where(c => only is null || c.Name == only))
        {
            Console.WriteLine($"== {composition.Name}: {composition.Description}");
            // Drop the previous composition's raw frames, so this one's memory figures start clean.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var script = Path.Combine(Repository.Bench, "scripts", composition.Script);
            var scOut = Path.Combine(outputs, $"{composition.Name}.sc.mp4");
            var clock = Stopwatch.StartNew();
            var evaluation = host.Evaluate(script, new ScriptArgs(new Dictionary<string, string>
            {
                ["media"] = media, ["out"] = scOut, ["preset"] = preset, ["threads"] = threads.ToString(CultureInfo.InvariantCulture),
            }));
            Console.WriteLine($"   script evaluated in {clock.Elapsed.TotalSeconds:0.00} s (compile {evaluation.CompileTime.TotalSeconds:0.00} s; not in the timings)");
            var video = evaluation.Outputs.OfType<VideoOutput>().Single();
            var (first, end, fps) = RenderJob.Frames(video, RenderRange.Whole);
            var frames = end - first;
            var settings = new EncodeSettings(preset, threads, frames);
            var ffOut = Path.Combine(outputs, $"{composition.Name}.ffmpeg.mp4");
            var ffArgs = composition.FfmpegArguments(media, ffOut, settings);
            commands.AppendLine(CultureInfo.InvariantCulture, $"{composition.Name}:").AppendLine(FfmpegProcess.FormatCommandLine(ffArgs)).AppendLine();

            var sc = new List<double>();
            var ff = new List<double>();
            var ceiling = new List<double>();
            var nullSink = new List<(double Fps, double PlanarShare)>();
            var nullSinkRgba = new List<double>();
            var nullSinkChanged = new List<double>();
            var cpu = new List<(double ScSelf, double ScFfmpeg, double Twin, double Ceiling)>();
            Memory? memory = null;
            byte[]? raw = null;
            for (var round = 0; round < runs; round++)
            {
                // sc first in even rounds and ffmpeg first in odd ones, so neither always runs on a warmer machine.
                var order = round % 2 == 0 ? new[] { "sc", "ffmpeg" } : ["ffmpeg", "sc"];
                CpuTime scCpu = default, twinCpu = default;
                foreach (var side in order)
                {
                    var before = CpuTime.Now();
                    if (side == "sc")
                    {
                        var sampler = new Memory(frames);
                        var elapsed = Time(() => RenderJob.RenderVideo(video, backend, progress: sampler));
                        memory ??= sampler;
                        sc.Add(frames / elapsed);
                        scCpu = CpuTime.Now() - before;
                    }
                    else
                    {
                        ff.Add(frames / Ffmpeg.Run(ffArgs).TotalSeconds);
                        twinCpu = CpuTime.Now() - before;
                    }
                }
                raw ??= Ffmpeg.ReadAll(["-hide_banner", "-loglevel", "error", "-nostdin", "-i", scOut, "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
                var beforeCeiling = CpuTime.Now();
                ceiling.Add(frames / EncodeOnly(raw, video, fps, Path.Combine(outputs, $"{composition.Name}.ceiling.mp4")));
                var ceilingCpu = CpuTime.Now() - beforeCeiling;
                double PerFrame(TimeSpan t) => t.TotalMilliseconds / frames;
                cpu.Add((PerFrame(scCpu.Self), PerFrame(scCpu.Children), PerFrame(twinCpu.Children), PerFrame(ceilingCpu.Children)));
                nullSink.Add(NullSink(video, backend, first, end, fps, planar: true));
                nullSinkRgba.Add(NullSink(video, backend, first, end, fps, planar: false).Fps);
                nullSinkChanged.Add(NullSinkChangedOnly(video, backend, first, end, fps));
                Console.WriteLine($"   round {round + 1}: sc {sc[^1]:0.0} fps, ffmpeg {ff[^1]:0.0} fps, ceiling {ceiling[^1]:0.0} fps, " +
                    $"null sink {nullSink[^1].Fps:0.0} fps ({nullSink[^1].PlanarShare:P0} planar; RGBA path only {nullSinkRgba[^1]:0.0} fps; only what changed {nullSinkChanged[^1]:0.0} fps)");
            }
            raw = null;

            var (scFps, ffFps, ceilFps) = (Median(sc), Median(ff), Median(ceiling));
            var nullFps = Median(nullSink.Select(n => n.Fps));
            var planarShare = nullSink[^1].PlanarShare;
            var rgbaFps = Median(nullSinkRgba);
            var changedFps = Median(nullSinkChanged);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {composition.Name} | {frames} | {scFps:0.0} | {ffFps:0.0} | {ceilFps:0.0} | {nullFps:0.0} ({planarShare:P0} planar) | {rgbaFps:0.0} | {changedFps:0.0} | **{scFps / ffFps:0.00}** | **{scFps / ceilFps:0.00}** | {memory} |");
            report.AppendLine(line);
            Console.WriteLine(line);
            cpuReport.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {composition.Name} | {Median(cpu.Select(c => c.ScSelf)):0.00} | {Median(cpu.Select(c => c.ScFfmpeg)):0.00} | {Median(cpu.Select(c => c.ScSelf + c.ScFfmpeg)):0.00} | {Median(cpu.Select(c => c.Twin)):0.00} | {Median(cpu.Select(c => c.Ceiling)):0.00} |"));
        }
        report.AppendLine().AppendLine("CPU time per frame (user + system, ms; medians; sc's ffmpeg processes are its decoders and its encoder):").AppendLine()
            .AppendLine("| composition | sc process | sc's ffmpeg processes | sc in all | ffmpeg twin | encode-only ceiling |")
            .AppendLine("|---|---:|---:|---:|---:|---:|").Append(cpuReport);

        report.AppendLine().AppendLine("ffmpeg commands (the sc side is bench/scripts/NAME.csx with --set media=… out=… preset=… threads=…):").AppendLine().Append(commands);
        var results = Path.Combine(artifacts, "results.md");
        File.WriteAllText(results, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"(also written to {results})");
        return 0;
    }

    /// <summary>ffmpeg alone: the frames sc produced, already raw I420 in memory, piped to sc's own encoder command.</summary>
    private static double EncodeOnly(byte[] raw, VideoOutput video, FrameRate fps, string path)
    {
        var frameBytes = new Yuv420Layout(video.Clip.Width, video.Clip.Height).TotalBytes;
        var clock = Stopwatch.StartNew();
        using (var encoder = VideoEncoder.Start(path, video.Clip.Width, video.Clip.Height, fps, video.Encoder))
        {
            for (var offset = 0; offset + frameBytes <= raw.Length; offset += frameBytes)
                encoder.WriteFrame(raw.AsSpan(offset, frameBytes));
            encoder.Complete();
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Frames per second of sc's per-frame work with no encoder (<see cref="FrameRenderer.RenderToPipe"/> into an I420 buffer, decoding
    /// included), with the planar path on or off, and the share of frames that took it.
    /// </summary>
    private static (double Fps, double PlanarShare) NullSink(VideoOutput video, IComputeBackend backend, long first, long end, FrameRate fps, bool planar)
    {
        var yuv = new byte[new Yuv420Layout(video.Clip.Width, video.Clip.Height).TotalBytes];
        var clock = Stopwatch.StartNew();
        using var renderer = new FrameRenderer(backend) { PlanarPath = planar };
        for (var index = first; index < end; index++)
            renderer.RenderToPipe(video.Clip, fps.TimeOf(index), PipeFormat.I420, yuv);
        var frames = end - first;
        return (frames / clock.Elapsed.TotalSeconds, (double)renderer.PlanarFrames / frames);
    }

    /// <summary>
    /// Frames per second of sc's per-frame work with no encoder as a render does it (<see cref="FrameRenderer.ExecuteAfter"/>: a repeated
    /// frame copied, a changed one drawn only where it changed), into two I420 buffers in turn.
    /// </summary>
    private static double NullSinkChangedOnly(VideoOutput video, IComputeBackend backend, long first, long end, FrameRate fps)
    {
        var bytes = new Yuv420Layout(video.Clip.Width, video.Clip.Height).TotalBytes;
        byte[][] buffers = [new byte[bytes], new byte[bytes]];
        var clock = Stopwatch.StartNew();
        using var renderer = new FrameRenderer(backend);
        byte[]? previous = null;
        for (var index = first; index < end; index++)
        {
            var buffer = buffers[index % 2];
            renderer.ExecuteAfter(renderer.Planner.Plan(video.Clip, fps.TimeOf(index), PipeFormat.I420), buffer, previous);
            previous = buffer;
        }
        return (end - first) / clock.Elapsed.TotalSeconds;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The render's resident set at a quarter of the frames, at the end, and its peak: flat means constant memory.</summary>
    private sealed class Memory(long frames) : IProgress<RenderProgress>
    {
        private long _atQuarter;
        private long _atEnd;
        private long _peak;

        public void Report(RenderProgress value)
        {
            if (value.FramesDone % 10 != 0 && value.FramesDone != frames / 4 && value.FramesDone != frames)
                return;
            var rss = Environment.WorkingSet;
            _peak = Math.Max(_peak, rss);
            if (value.FramesDone == frames / 4) _atQuarter = rss;
            if (value.FramesDone == frames) _atEnd = rss;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{_atQuarter / 1048576.0:0} → {_atEnd / 1048576.0:0} MiB ({_peak / 1048576.0:0})");
    }
}
