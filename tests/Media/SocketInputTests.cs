using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// The encoder's input on a Unix domain socket: every byte arrives, the socket's file is gone once ffmpeg is connected
/// (or has given up), and an ffmpeg that exits before connecting is an error at once, not a wait.
/// </summary>
public sealed class SocketInputTests
{
    [SkippableFact]
    public void Frames_sent_through_the_socket_arrive_byte_for_byte_and_its_file_goes_once_ffmpeg_connects()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketInputSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        using var folder = new TempFolder("socket");
        var output = folder["copy.raw"];
        var sent = new byte[3 * 16 * 16];
        new Random(7).NextBytes(sent);

        using (var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
                   ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input,
                    "-f", "rawvideo", output]))
        {
            var path = ffmpeg.InputSocketPath!;
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
        Skip.IfNot(FfmpegProcess.SocketInputSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        using var ffmpeg = FfmpegProcess.StartWithSocketInput(input => ["-hide_banner", "-nosuchoption", "-i", input, "-f", "null", "-"]);
        var path = ffmpeg.InputSocketPath!;
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
        Skip.IfNot(FfmpegProcess.SocketInputSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input, "-f", "null", "-"]);
        var (path, id) = (ffmpeg.InputSocketPath!, ffmpeg.ProcessId);

        ffmpeg.Dispose();

        Assert.False(IsRunning(id), $"ffmpeg (process {id}) is still running");
        Assert.False(File.Exists(path), $"the socket {path} was left behind");
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
