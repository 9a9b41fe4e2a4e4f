using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// Raw frames reach ffmpeg exactly, whatever their size, through the socket and through the pipe: many renders of tiny
/// and odd sizes (1×1 and 2×1 frames are smaller than the 10 bytes ffmpeg reads first) to every kind of output, each
/// compared byte for byte with the same frames encoded by the same ffmpeg arguments from a file (no socket, no pipe),
/// and the frame count "Wrote" reports is the count on disk.
/// </summary>
public sealed class FrameTransportStressTests
{
    private const int FrameCount = 12;

    private static readonly FrameRate Fps = new(25);

    [SkippableTheory]
    [InlineData(1, 1, "mkv", 50)]
    [InlineData(1, 1, "gif", 50)]
    [InlineData(1, 1, "png", 50)]
    [InlineData(2, 1, "mkv", 50)]
    [InlineData(2, 1, "gif", 50)]
    [InlineData(2, 1, "png", 50)]
    [InlineData(3, 3, "mkv", 50)]
    [InlineData(3, 3, "gif", 50)]
    [InlineData(3, 3, "png", 50)]
    [InlineData(1279, 719, "mkv", 10)]
    public void Every_frame_arrives_whole_through_the_socket(int width, int height, string kind, int renders)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegProcess.SocketsSupported, "No Unix domain sockets here: the encoder reads its standard input, which the pipe test covers.");
        RenderMany(width, height, kind, renders);
    }

    [SkippableTheory]
    [InlineData(1, 1, "mkv", 5)]
    [InlineData(2, 1, "gif", 5)]
    [InlineData(3, 3, "png", 5)]
    [InlineData(1279, 719, "mkv", 2)]
    public void Every_frame_arrives_whole_through_the_pipe(int width, int height, string kind, int renders)
    {
        ToolRunner.RequireFfmpeg();
        using (FfmpegProcess.UsePipes())
            RenderMany(width, height, kind, renders);
    }

    private static void RenderMany(int width, int height, string kind, int renders)
    {
        using var folder = new TempFolder("transport");
        var frames = width * height > 1000 ? 2 : FrameCount;
        var clip = Frames(width, height, Fps.TimeOf(frames), (t, rgba) => Fill(rgba, (int)Fps.FrameAt(t + Fps.TimeOf(1) / 2)));
        var name = kind == "png" ? "f_%03d.png" : $"out.{kind}";
        var settings = kind switch
        {
            "mkv" => new EncoderSettings("ffv1", null, PixelFormat: "yuv444p"),
            "gif" => new EncoderSettings("gif", null, PixelFormat: "pal8"),
            _ => new EncoderSettings("png", null, PixelFormat: "rgb24"),
        };
        var reference = Reference(folder, clip, name, settings, frames);

        var outputs = Enumerable.Range(0, renders).Select(r => Path.Combine(Directory.CreateDirectory(folder[$"run{r}"]).FullName, name)).ToArray();
        // Two renders at a time, each with its own backend: more ffmpeg processes in flight, the same checks.
        Parallel.For(0, renders, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => new CpuBackend(), (render, _, cpu) =>
        {
            var summary = RenderJob.RenderVideo(new VideoOutput(clip, outputs[render], Fps, settings), cpu);
            Assert.True(summary.Frames == frames, $"render {render}: {summary}, of {frames} frames");
            return cpu;
        }, cpu => cpu.Dispose());

        var decoded = DecodeAll(outputs, kind, width, height);
        for (var render = 0; render < renders; render++)
        {
            var written = decoded[render];
            Assert.True(written.Count == frames, $"render {render} of {width}x{height} {kind}: 'Wrote' said {frames} frames, but {written.Count} are on disk");
            for (var i = 0; i < frames; i++)
            {
                if (!written[i].AsSpan().SequenceEqual(reference[i]))
                    Assert.Fail($"render {render} of {width}x{height} {kind}: frame {i} differs from the same frame encoded from a file " +
                                $"(first differing byte {written[i].AsSpan().CommonPrefixLength(reference[i])} of {reference[i].Length}).");
            }
        }
    }

    /// <summary>A pattern in which a frame shifted by any number of bytes, or two frames swapped, differ everywhere.</summary>
    private static void Fill(Span<byte> rgba, int frame)
    {
        for (var i = 0; i < rgba.Length; i++)
            rgba[i] = (i & 3) == 3 ? (byte)255 : (byte)(frame * 131 + (i >> 2) * 29 + (i & 3) * 71 + 7);
    }

    /// <summary>The frames sc sends, written to a file and encoded from there with the encoder's own arguments, then decoded.</summary>
    private static List<byte[]> Reference(TempFolder folder, Clip clip, string name, EncoderSettings settings, int frames)
    {
        var referenceFolder = Directory.CreateDirectory(folder["reference"]).FullName;
        var spec = new EncodeSpec(Path.Combine(referenceFolder, name), clip.Width, clip.Height, Fps, settings, OutputFormats.KindOf(name));
        var raw = folder["frames.raw"];
        using (var cpu = new CpuBackend())
        using (var renderer = new FrameRenderer(cpu))
        using (var file = File.Create(raw))
        {
            var buffer = new byte[spec.FrameBytes];
            for (var i = 0; i < frames; i++)
            {
                renderer.RenderToPipe(clip, Fps.TimeOf(i), spec.Pipe, buffer);
                file.Write(buffer);
            }
        }
        var encoded = ToolRunner.Run("ffmpeg", VideoEncoder.BuildArguments(spec, raw));
        Assert.True(encoded.ExitCode == 0, encoded.Stderr);
        var decoded = DecodeAll([spec.OutputPath], Path.GetExtension(name).TrimStart('.'), clip.Width, clip.Height)[0];
        Assert.Equal(frames, decoded.Count);
        return decoded;
    }

    /// <summary>
    /// The frames of each output: videos decoded to their own pixel format (yuv444p for ffv1) and GIFs to RGBA, all by one
    /// ffmpeg; the pictures of a sequence as their files' bytes (ffmpeg's PNG encoder is deterministic).
    /// </summary>
    private static List<List<byte[]>> DecodeAll(IReadOnlyList<string> paths, string kind, int width, int height)
    {
        if (kind == "png")
            return paths.Select(Pictures).ToList();
        var format = kind == "gif" ? "rgba" : "yuv444p";
        var raws = paths.Select(p => p + ".raw").ToList();
        var args = new List<string> { "-v", "error", "-nostdin", "-y" };
        foreach (var path in paths) args.AddRange(["-i", path]);
        for (var i = 0; i < paths.Count; i++) args.AddRange(["-map", $"{i}:v", "-f", "rawvideo", "-pix_fmt", format, raws[i]]);
        var decoded = ToolRunner.Run("ffmpeg", args);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        var frameBytes = width * height * (kind == "gif" ? 4 : 3);
        return raws.Select(raw =>
        {
            var bytes = File.ReadAllBytes(raw);
            Assert.True(bytes.Length % frameBytes == 0, $"{raw} holds {bytes.Length} bytes, not whole {width}x{height} frames");
            return bytes.Chunk(frameBytes).ToList();
        }).ToList();
    }

    private static List<byte[]> Pictures(string pattern)
    {
        var folder = Path.GetDirectoryName(pattern)!;
        var files = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, files.Count).Select(i => OutputFile.SequenceFileName(Path.GetFileName(pattern), i)), files);
        return files.Select(f => File.ReadAllBytes(Path.Combine(folder, f))).ToList();
    }
}
