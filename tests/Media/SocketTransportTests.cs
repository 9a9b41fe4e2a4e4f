using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// ffmpeg's raw frames on a Unix domain socket: every byte arrives, the socket's file is gone once ffmpeg is connected
/// (or has given up), an ffmpeg that exits before connecting is an error at once (not a wait), and where no socket can be
/// made the pipe serves instead.
/// </summary>
public sealed class SocketTransportTests
{
    [SkippableFact]
    public void Frames_sent_through_the_socket_arrive_byte_for_byte_and_its_file_goes_once_ffmpeg_connects()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        using var folder = new TempFolder("socket");
        var output = folder["copy.raw"];
        var sent = new byte[3 * 16 * 16];
        new Random(7).NextBytes(sent);

        using (var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
                   ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input,
                    "-f", "rawvideo", output]))
        {
            var path = ffmpeg.SocketPath!;
            Assert.True(File.Exists(path), $"the socket {path} should wait for ffmpeg in the temporary folder");
            ffmpeg.Input.Write(sent);
            Assert.False(File.Exists(path), $"the socket {path} is still there after ffmpeg connected");
            ffmpeg.Input.Close();
            Assert.True(ffmpeg.WaitForExit() == 0, ffmpeg.StderrTail);
        }

        Assert.Equal(sent, File.ReadAllBytes(output));
    }

    [SkippableFact]
    public void An_ffmpeg_that_exits_before_connecting_fails_the_first_write_at_once_and_leaves_no_socket()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        using var ffmpeg = FfmpegProcess.StartWithSocketInput(input => ["-hide_banner", "-nosuchoption", "-i", input, "-f", "null", "-"]);
        var path = ffmpeg.SocketPath!;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<IOException>(() => ffmpeg.Input.Write(new byte[16]));

        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the failure took {clock.Elapsed.TotalSeconds:0} s to show");
        Assert.False(File.Exists(path), $"the socket {path} was left behind");
        Assert.Contains("nosuchoption", ffmpeg.StderrTail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Disposing_before_any_frame_kills_ffmpeg_and_removes_the_socket()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input, "-f", "null", "-"]);
        var (path, id) = (ffmpeg.SocketPath!, ffmpeg.ProcessId);

        ffmpeg.Dispose();

        Assert.False(IsRunning(id), $"ffmpeg (process {id}) is still running");
        Assert.False(File.Exists(path), $"the socket {path} was left behind");
    }

    [SkippableFact]
    public void An_output_socket_reads_ffmpegs_frames_and_reads_empty_when_ffmpeg_exits_without_connecting()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: decoders write to standard output.");
        using (var ffmpeg = FfmpegProcess.StartWithSocketOutput(output =>
                   ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i", "color=c=gray:s=16x16:r=10:d=0.3", "-f", "rawvideo", "-pix_fmt", "gray", output]))
        {
            var frames = new byte[3 * 16 * 16];
            Assert.Equal(frames.Length, ffmpeg.Output.ReadAtLeast(frames, frames.Length, throwOnEndOfStream: false));
            Assert.All(frames, b => Assert.InRange(b, 125, 130));
            Assert.Equal(0, ffmpeg.Output.Read(new byte[1]));
        }

        using var broken = FfmpegProcess.StartWithSocketOutput(output => ["-hide_banner", "-nosuchoption", "-f", "rawvideo", output]);
        var path = broken.SocketPath!;
        Assert.Equal(0, broken.Output.Read(new byte[16]));
        Assert.False(File.Exists(path), $"the socket {path} was left behind");
    }

    [SkippableFact]
    public void An_ffmpeg_that_connected_wrote_and_exited_before_the_first_read_still_delivers_its_frames()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: decoders write to standard output.");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // Two frames fit in the socket's buffer, so ffmpeg finishes without waiting for a reader.
            using var ffmpeg = FfmpegProcess.StartWithSocketOutput(output =>
                ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i", "color=c=white:s=8x8:r=10:d=0.2", "-f", "rawvideo", "-pix_fmt", "gray", output]);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!ffmpeg.HasExited && DateTime.UtcNow < deadline)
                Thread.Sleep(10);

            var frames = new byte[2 * 8 * 8];
            Assert.Equal(frames.Length, ffmpeg.Output.ReadAtLeast(frames, frames.Length, throwOnEndOfStream: false));
            Assert.All(frames, b => Assert.Equal(255, b));
        }
    }

    [SkippableFact]
    public void Where_no_socket_can_be_made_ffmpeg_reads_the_pipe_instead()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("socket");
        // Socket names hold about 100 bytes: a deeper folder cannot hold one.
        var deep = Directory.CreateDirectory(Path.Combine(folder.Path, new string('d', 120))).FullName;
        var output = folder["copy.raw"];
        var sent = new byte[2 * 16 * 16];
        new Random(3).NextBytes(sent);

        using (var ffmpeg = FfmpegProcess.StartWithSocket(input =>
                   ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input,
                    "-f", "rawvideo", output], isOutput: false, deep))
        {
            Assert.Null(ffmpeg.SocketPath);
            ffmpeg.Input.Write(sent);
            ffmpeg.Input.Close();
            Assert.True(ffmpeg.WaitForExit() == 0, ffmpeg.StderrTail);
        }

        Assert.Equal(sent, File.ReadAllBytes(output));
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
