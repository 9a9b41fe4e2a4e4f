using System.Diagnostics;
using System.Threading.Channels;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// Produces declared outputs. Video frames are computed on the backend, converted to I420 there, and handed to a
/// writer task through a bounded queue, so computing the next frame overlaps with ffmpeg taking the last one. The frames are
/// host frames rented from the backend, each handed over with a fence: on a GPU the copy of frame N to the host is still
/// queued while frame N+1 is planned and drawn, and the writer waits for it.
/// </summary>
public static class RenderJob
{
    private const int FramesInFlight = 3;

    /// <summary>
    /// Checks what can be checked before any frame is computed, so a bad output fails at once. An output may not replace
    /// any file the clip reads, nor any of <paramref name="scriptFiles"/>: the script's own sources (<c>#load</c>s
    /// included) and the files it read while it ran (subtitles, fonts).
    /// </summary>
    public static void Validate(ScriptOutput output, IEnumerable<string>? scriptFiles = null)
    {
        if (output is VideoOutput { IsNull: true })
            return;
        OutputFile.Validate(output.Path, output.Clip.InputFiles().Concat(scriptFiles ?? []), output is VideoOutput { Kind: OutputKind.ImageSequence });
        ValidateSettings(output);
    }

    /// <summary>
    /// <see cref="Validate(ScriptOutput, IEnumerable{string}?)"/> for every output of a script, each against what any of them reads
    /// (they render one after the other, so one must not replace a file a later one reads), and no two writing one file.
    /// <paramref name="each"/> runs each output's check (to say which script line it is about).
    /// </summary>
    public static void ValidateAll(IReadOnlyList<ScriptOutput> outputs, IEnumerable<string>? scriptFiles, Action<ScriptOutput, Action>? each = null)
    {
        var inputs = outputs.SelectMany(o => o.Clip.InputFiles()).Concat(scriptFiles ?? []).Distinct(StringComparer.Ordinal).ToList();
        var earlierOutputs = new List<ScriptOutput>();
        foreach (var output in outputs)
        {
            void Check()
            {
                Validate(output, inputs);
                if (output is VideoOutput { IsNull: true })
                    return;
                foreach (var earlier in earlierOutputs)
                {
                    if (Clash(output, earlier) is { } message)
                        throw new ScriptComposerException(message);
                }
                earlierOutputs.Add(output);
            }
            if (each is null) Check();
            else each(output, Check);
        }
    }

    /// <summary>
    /// Why <paramref name="output"/> cannot be written beside <paramref name="earlier"/>: the same file, or a file both name (a
    /// picture pattern's picture or leftover, under the other's name or pattern); null when they share none.
    /// </summary>
    private static string? Clash(ScriptOutput output, ScriptOutput earlier)
    {
        var at = earlier.DeclaredAt is { } line ? $" (at {line})" : "";
        var full = Path.GetFullPath(output.Path);
        if (FileIdentity.PlaceOf(output.Path) == FileIdentity.PlaceOf(earlier.Path))
            return $"The output '{full}' is written by another output of the script too{at}, which it would replace. Give each output its own path.";
        if (OutputNames.Shared(output.Path, IsSequence(output), earlier.Path, IsSequence(earlier)) is not { } shared)
            return null;
        return $"The output '{full}' is written by another output of the script too{at}, as '{Path.GetFullPath(earlier.Path)}': both name '{shared}', " +
            "which one would replace (or remove, as a picture of its pattern numbered past its last). Give each output its own name or folder.";
    }

    private static bool IsSequence(ScriptOutput output) => output is VideoOutput { Kind: OutputKind.ImageSequence };

    /// <summary>The checks of an output's own settings: container, codecs, sizes.</summary>
    private static void ValidateSettings(ScriptOutput output)
    {
        switch (output)
        {
            case VideoOutput video:
                OutputFormats.CheckExtension(video.Path);
                OutputFormats.CheckNotOnePicture(video.Path);
                if (OutputFormats.IsInTable(video.Path, video.Encoder.Codec))
                    OutputFormats.CheckVideo(video.Path, video.Encoder.Codec, video.Alpha);
                else // a container or codec outside the table (perhaps by -o): asked of ffmpeg, once per process
                    OutputTrial.Settle(video.Path, video.Encoder, codecGiven: true, video.Clip.Width, video.Clip.Height, video.Fps, video.Alpha, OutputTrial.Heard(video.Clip, video.Audio));
                VideoEncoder.CheckEncoder(video.Encoder, video.Clip.Width, video.Clip.Height, video.Kind);
                if (video.Audio is { } audio)
                    CheckAudioEncoder(video.Path, audio);
                break;
            case AudioOutput sound:
                CheckAudioEncoder(sound.Path, sound.Settings);
                break;
            case FrameOutput when !Path.GetExtension(output.Path).Equals(".png", StringComparison.OrdinalIgnoreCase):
                throw new ScriptComposerException($"SaveFrame writes PNG; '{output.Path}' does not end in .png. Use a .png name.");
        }
    }

    private static void CheckAudioEncoder(string path, AudioSettings settings)
    {
        var codec = settings.Codec ?? OutputFormats.DefaultAudioCodec(path);
        OutputFormats.CheckAudio(path, codec);
        if (!FfmpegTools.Encoders().Contains(codec))
            throw new ScriptComposerException($"This ffmpeg has no audio encoder '{codec}'. Use audioCodec: \"aac\" (or leave it out for the container's default).");
        // A rate or channel count the codec cannot take is refused now, not after the frames.
        if (settings.SampleRate is not null || settings.Channels is not null)
            _ = AudioFormat.For([], settings, codec);
    }

    /// <summary>The mix of <paramref name="clip"/>'s sound from <paramref name="from"/> to <paramref name="to"/> seconds; null when nothing sounds there and <paramref name="orSilence"/> is false.</summary>
    internal static AudioMixer? Mix(Clip clip, string path, AudioSettings settings, double from, double to, bool orSilence)
    {
        var segments = AudioTimeline.Segments(clip);
        if (!orSilence && !segments.Any(s => s.Window(from, to) is not null))
            return null;
        SoundEnds.Require(segments, from, to);
        var format = AudioFormat.For(segments, settings, settings.Codec ?? OutputFormats.DefaultAudioCodec(path));
        return new AudioMixer(segments, format, from, to);
    }

    /// <summary>The highest frame rate a GIF plays at: its frames last whole hundredths of a second, at least two.</summary>
    public const int MostGifFps = 50;

    /// <summary>The frames [first, end) of <paramref name="output"/> that <paramref name="range"/> selects, at its frame rate.</summary>
    public static (long First, long End, FrameRate Fps) Frames(VideoOutput output, RenderRange range)
    {
        var fps = range.Fps is { } f ? FrameRate.FromDouble(f) : output.Fps;
        if (output.Kind == OutputKind.Gif && fps.Value > MostGifFps)
            throw new ScriptComposerException(
                $"A GIF cannot play {fps.Value:0.###} frames per second: it holds each frame for whole hundredths of a second, and browsers and " +
                $"players show a frame held for less than two hundredths for a tenth, so '{Path.GetFileName(output.Path)}' would play slowly. " +
                $"Give fps: {MostGifFps} or less (50, 25 and 20 divide a second evenly), or write a video (.mp4, .webm).");
        var total = fps.FrameCount(output.Clip.Duration!.Value);
        var first = range.From is { } from ? Math.Clamp(fps.FrameCount(from), 0, total) : 0;
        var end = range.To is { } to ? Math.Clamp(fps.FrameCount(to), first, total) : total;
        if (end <= first)
            throw new ScriptComposerException(
                $"{Describe(range)} selects no frames of '{output.Path}', which lasts {output.Clip.Duration:0.###} s. Choose a range inside it.");
        return (first, end, fps);
    }

    private static string Describe(RenderRange range) =>
        string.Join(' ', new[] { range.From is { } from ? $"--from {from}" : null, range.To is { } to ? $"--to {to}" : null }.OfType<string>())
        is { Length: > 0 } options ? options : "The whole clip";

    public static RenderSummary RenderVideo(VideoOutput output, IComputeBackend backend, RenderRange? range = null,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        Validate(output);
        using var paths = output.ResolvingPaths();
        using var opened = OpenedMedia.WhileRendering();
        var (first, end, fps) = Frames(output, range ?? RenderRange.Whole);
        var clip = output.Clip;
        var clock = Stopwatch.StartNew();
        var audio = output.Audio is { } settings && !output.IsNull ? Mix(clip, output.Path, settings, fps.TimeOf(first), fps.TimeOf(end), orSilence: false) : null;
        var spec = output.IsNull
            ? new EncodeSpec(output.Path, clip.Width, clip.Height, fps, output.Encoder)
            : new EncodeSpec(output.Path, clip.Width, clip.Height, fps, output.Encoder, output.Kind, output.Alpha, audio?.Format, output.Audio, Frames: end - first);
        return EncodeFrames(clip, spec, audio, backend, first, end, clock, progress, cancellation, discard: output.IsNull);
    }

    /// <summary>
    /// Computes frames [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="clip"/> and encodes them as
    /// <paramref name="spec"/> says (with <paramref name="audio"/> beside them when the spec has sound): the whole of a
    /// render, or one chunk of it (<see cref="Chunks.ChunkRenderer"/>); with <paramref name="discard"/>, computes them and writes nothing (<c>-o null</c>).
    /// </summary>
    internal static RenderSummary EncodeFrames(Clip clip, EncodeSpec spec, AudioMixer? audio, IComputeBackend backend, long first, long end, Stopwatch clock,
        IProgress<RenderProgress>? progress, CancellationToken cancellation, bool discard = false)
    {
        var fps = spec.Fps;
        using var renderer = new FrameRenderer(backend);
        backend.Prepare(Planning.KernelShapes.Of(clip, fps, first, end, spec.Pipe, cancellation)); // every fused kernel compiled before frame 0 (CUDA)
        using IFrameSink encoder = discard ? new NullSink() : VideoEncoder.Start(spec, audio);
        var filled = Channel.CreateBounded<(Memory<byte> Frame, DeviceFence Copied)>(
            new BoundedChannelOptions(FramesInFlight) { SingleReader = true, SingleWriter = true });
        var empty = Channel.CreateUnbounded<Memory<byte>>();
        var frames = RentFrames(backend, spec.FrameBytes, FramesInFlight + 1);
        foreach (var frame in frames) empty.Writer.TryWrite(frame);

        // A failing writer (ffmpeg died) cancels the loop, which may be waiting on either queue.
        using var writerFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var (frame, copied) in filled.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    using (copied)
                    {
                        copied.Wait();
                        encoder.WriteFrame(frame.Span);
                    }
                    empty.Writer.TryWrite(frame);
                }
            }
            catch
            {
                await writerFailed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None);

        var lastBuffer = Memory<byte>.Empty;
        var rgbaBecause = new long[Enum.GetValues<PlanarRefusal>().Length];
        var drawn = false;
        try
        {
            for (var index = first; index < end; index++)
            {
                writerFailed.Token.ThrowIfCancellationRequested();
                var buffer = empty.Reader.ReadAsync(writerFailed.Token).AsTask().GetAwaiter().GetResult();
                var plan = renderer.Planner.Plan(clip, fps.TimeOf(index), spec.Pipe);
                if (plan.RgbaBecause is { } because)
                    rgbaBecause[(int)because]++;
                // The last buffer keeps the last frame's bytes until the loop writes into it again.
                renderer.ExecuteAfter(plan, buffer.Span, lastBuffer);
                lastBuffer = buffer;
                var handed = (buffer, backend.Fence());
                if (!filled.Writer.TryWrite(handed))
                    WriteOrRelease(filled.Writer, handed, writerFailed.Token);
                progress?.Report(new RenderProgress(index - first + 1, end - first, clock.Elapsed));
            }
            drawn = true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // The writer failed; its exception, awaited below, says why.
        }
        finally
        {
            filled.Writer.TryComplete();
            if (cancellation.IsCancellationRequested)
                encoder.Dispose();
            // The frames go back to the backend only when the writer has stopped reading them and no copy into them is queued.
            try
            {
                writer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Rethrown below when it is why the render stopped.
            }
            finally
            {
                while (filled.Reader.TryRead(out var unwritten))
                    unwritten.Copied.Dispose();
                try
                {
                    backend.Synchronize();
                }
                catch (Exception) when (!drawn || !writer.IsCompletedSuccessfully)
                {
                    // A device that faulted already failed the frame or the writer: that error, on its way out, says why.
                }
                finally
                {
                    foreach (var frame in frames)
                        backend.ReturnHostFrame(frame);
                }
            }
        }
        if (!cancellation.IsCancellationRequested)
            writer.GetAwaiter().GetResult();
        cancellation.ThrowIfCancellationRequested();
        var bytes = encoder.Complete();
        clock.Stop();
        return new RenderSummary(spec.OutputPath, encoder.Frames, fps.TimeOf(encoder.Frames), clock.Elapsed, bytes, renderer.PlanarFrames, renderer.Decoding)
        {
            IsNull = discard,
            RepeatedFrames = renderer.RepeatedFrames,
            PartialFrames = renderer.PartialFrames,
            MappedFrames = renderer.MappedFrames,
            Backend = renderer.Backend.Name,
            RgbaBecause = Enum.GetValues<PlanarRefusal>().Where(r => rgbaBecause[(int)r] > 0).ToDictionary(r => r, r => rgbaBecause[(int)r]),
        };
    }

    /// <summary>The host frames a render draws into, rented from the backend; none is kept when renting one fails.</summary>
    private static Memory<byte>[] RentFrames(IComputeBackend backend, int bytes, int count)
    {
        var frames = new List<Memory<byte>>(count);
        try
        {
            while (frames.Count < count)
                frames.Add(backend.RentHostFrame(bytes));
            return [.. frames];
        }
        catch
        {
            foreach (var frame in frames)
                backend.ReturnHostFrame(frame);
            throw;
        }
    }

    /// <summary>Queues a frame for the writer, waiting for room; a frame that cannot be queued (the writer failed) has its fence released.</summary>
    private static void WriteOrRelease(ChannelWriter<(Memory<byte> Frame, DeviceFence Copied)> writer, (Memory<byte> Frame, DeviceFence Copied) handed,
        CancellationToken cancellation)
    {
        try
        {
            writer.WriteAsync(handed, cancellation).AsTask().GetAwaiter().GetResult();
        }
        catch
        {
            handed.Copied.Dispose();
            throw;
        }
    }

    /// <summary>Writes the sound of <paramref name="output"/> to its audio file.</summary>
    public static RenderSummary RenderAudio(AudioOutput output, CancellationToken cancellation = default) =>
        RenderAudio(output, RenderRange.Whole, cancellation);

    /// <summary>Writes the sound of <paramref name="output"/> from <see cref="RenderRange.From"/> to <see cref="RenderRange.To"/> (a frame rate does not apply).</summary>
    public static RenderSummary RenderAudio(AudioOutput output, RenderRange range, CancellationToken cancellation = default)
    {
        Validate(output);
        using var paths = output.ResolvingPaths();
        using var opened = OpenedMedia.WhileRendering();
        var clock = Stopwatch.StartNew();
        var (from, to) = Times(output, range);
        var mix = Mix(output.Clip, output.Path, output.Settings, from, to, orSilence: true)!;
        AudioEncoder.Encode(output.Path, mix, output.Settings, to - from, cancellation);
        return new RenderSummary(output.Path, 0, to - from, clock.Elapsed, new FileInfo(output.Path).Length);
    }

    /// <summary>The times [from, to) of the sound output <paramref name="output"/> that <paramref name="range"/> selects.</summary>
    public static (double From, double To) Times(AudioOutput output, RenderRange range)
    {
        var duration = output.Clip.Duration!.Value;
        var from = Math.Clamp(range.From ?? 0, 0, duration);
        var to = Math.Clamp(range.To ?? duration, from, duration);
        if (to <= from)
            throw new ScriptComposerException(
                $"{Describe(range)} selects none of the sound '{output.Path}', which lasts {duration:0.###} s. Choose a range inside it.");
        return (from, to);
    }

    /// <summary>Writes the PNG of <paramref name="clip"/> at <paramref name="time"/> to <paramref name="path"/>.</summary>
    public static RenderSummary RenderFrame(Clip clip, double time, string path, IComputeBackend backend) =>
        RenderFrame(new FrameOutput(clip, time, path), backend);

    /// <summary>Writes the PNG of <paramref name="frame"/>, relative paths in the script's code resolved from its folder.</summary>
    public static RenderSummary RenderFrame(FrameOutput frame, IComputeBackend backend)
    {
        var (clip, time, path) = (frame.Clip, frame.Time, frame.Path);
        using var paths = frame.ResolvingPaths();
        var clock = Stopwatch.StartNew();
        using var opened = OpenedMedia.WhileRendering();
        using var renderer = new FrameRenderer(backend);
        using var image = renderer.RenderWithOwnAlpha(clip, time);
        var pixels = new byte[image.ByteCount];
        backend.Download(image, pixels);
        PngWriter.Write(path, pixels, image.Width, image.Height);
        return new RenderSummary(path, 1, 0, clock.Elapsed, new FileInfo(path).Length);
    }
}
