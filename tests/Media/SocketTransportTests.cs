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
    public void Frames_smaller_than_ffmpegs_first_read_arrive_whole_when_written_one_at_a_time()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: the encoder reads its standard input.");
        using var folder = new TempFolder("socket");
        var output = folder["copy.raw"];
        // 4-byte frames with a pause after each of the first ones, so that ffmpeg, already connected and waiting, would read
        // each alone: ffmpeg 5.1 then lost the first 10 bytes (its ID3 probe could not seek back over two reads).
        var frames = Enumerable.Range(0, 25).Select(i => new[] { (byte)i, (byte)(i + 100), (byte)(i + 200), (byte)(255 - i) }).ToList();

        using (var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
                   ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "2x2", "-i", input,
                    "-f", "rawvideo", output]))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                ffmpeg.Input.Write(frames[i]);
                ffmpeg.Input.Flush();
                if (i < 4) Thread.Sleep(100);
            }
            ffmpeg.Input.Close();
            Assert.True(ffmpeg.WaitForExit() == 0, ffmpeg.StderrTail);
        }

        Assert.Equal(frames.SelectMany(f => f).ToArray(), File.ReadAllBytes(output));
    }

    [Fact]
    public void The_socket_stream_sends_its_first_bytes_in_one_send_and_then_passes_writes_through()
    {
        var small = new SendRecorder();
        using (var stream = new SocketInputStream(small))
        {
            stream.Write(new byte[4]);
            stream.Write(new byte[4]);
            stream.Flush();
            Assert.Empty(small.Sends);
        }
        Assert.Equal([8], small.Sends);

        var large = new SendRecorder();
        using (var stream = new SocketInputStream(large))
        {
            stream.Write(new byte[1000]);
            stream.Write(new byte[SocketInputStream.LeadBytes]);
            stream.Write(new byte[3]);
            stream.Write(new byte[SocketInputStream.LeadBytes + 1]);
        }
        Assert.Equal([1000 + SocketInputStream.LeadBytes, 3, SocketInputStream.LeadBytes + 1], large.Sends);
    }

    [SkippableFact]
    public void Sockets_live_in_a_private_folder_of_this_process()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here.");
        using var ffmpeg = FfmpegProcess.StartWithSocketInput(input =>
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "rawvideo", "-pix_fmt", "gray", "-s", "16x16", "-i", input, "-f", "null", "-"]);

        var folder = Path.GetDirectoryName(ffmpeg.SocketPath)!;
        Assert.Equal(SocketFolder.Path, folder);
        Assert.StartsWith($"sc-run-{TemporaryOwner.NewTag()[..^9]}", Path.GetFileName(folder), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void A_sweep_removes_the_socket_folders_of_processes_that_are_gone_and_keeps_the_others()
    {
        using var root = new TempFolder("sweep");
        var host = TemporaryOwner.NewTag().Split('-')[0];
        var dead = DeadProcessId();
        using var alive = System.Diagnostics.Process.Start("sleep", "60");
        try
        {
            var deadFolder = Directory.CreateDirectory(root[$"sc-run-{host}-{dead}-0123abcd"]).FullName;
            File.WriteAllText(Path.Combine(deadFolder, "1-0123abcd.sock"), "");
            var aliveFolder = Directory.CreateDirectory(root[$"sc-run-{host}-{alive.Id}-0123abcd"]).FullName;
            var otherHost = Directory.CreateDirectory(root[$"sc-run-elsewhere-{dead}-0123abcd"]).FullName;
            var oldSocket = root.Write($"sc-{dead}-0123456789ab.sock", "");
            var unrelated = Directory.CreateDirectory(root[$"sc-doctor-kernels-{dead}"]).FullName;

            SocketFolder.Sweep(root.Path);

            Assert.False(Directory.Exists(deadFolder), "the folder of a process that is gone is still there");
            Assert.False(File.Exists(oldSocket), "the loose socket of a process that is gone is still there");
            Assert.True(Directory.Exists(aliveFolder), "the folder of a running process was removed");
            Assert.True(Directory.Exists(otherHost), "the folder of another machine's process was removed");
            Assert.True(Directory.Exists(unrelated), "a folder sc does not own was removed");
        }
        finally
        {
            alive.Kill();
        }
    }

    /// <summary>The id of a process that has just ended (and so, almost surely, of no process now).</summary>
    internal static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>A stream that records the size of each write it is given.</summary>
    private sealed class SendRecorder : Stream
    {
        public List<int> Sends { get; } = [];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Sends.Sum();
        public override long Position { get => Length; set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => Sends.Add(buffer.Length);
        public override void Write(byte[] buffer, int offset, int count) => Sends.Add(count);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
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
            Assert.True(Task.Run(ffmpeg.WaitForExit).Wait(TimeSpan.FromSeconds(30)), "ffmpeg did not finish writing two frames into the socket's buffer within 30 s.");

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
