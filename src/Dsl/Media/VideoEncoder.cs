using System.Globalization;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Streams raw frames into ffmpeg, which encodes them (with the sound an <see cref="AudioMixer"/> writes beside them, muxed
/// in the same run so picture and sound cannot drift) into a temporary file that <see cref="Complete"/> proves whole (no
/// write error from ffmpeg, and every frame and the duration read back) and only then renames to the output; disposing
/// without completing kills ffmpeg and deletes it.
/// </summary>
public sealed class VideoEncoder : IFrameSink
{
    private readonly FfmpegProcess _ffmpeg;
    private readonly EncodeSpec _spec;
    private readonly string _temporaryPath;
    private readonly string? _audioFile;
    private readonly CancellationTokenSource _stopAudio = new();
    private Task? _audioWriter;
    private long _frames;
    private bool _completed;

    private VideoEncoder(FfmpegProcess ffmpeg, EncodeSpec spec, string temporaryPath, string? audioFile)
    {
        _ffmpeg = ffmpeg;
        _spec = spec;
        _temporaryPath = temporaryPath;
        _audioFile = audioFile;
    }

    /// <summary>Compatibility overload: an H.264-style video without sound.</summary>
    public static VideoEncoder Start(string outputPath, int width, int height, FrameRate fps, EncoderSettings settings) =>
        Start(new EncodeSpec(outputPath, width, height, fps, settings));

    /// <summary>Starts ffmpeg; when <paramref name="spec"/> has sound, <paramref name="audio"/> mixes it (and is disposed by the encoder).</summary>
    public static VideoEncoder Start(EncodeSpec spec, AudioMixer? audio = null) => Start(spec, audio, socketFolder: null);

    /// <param name="socketFolder">Where the frames' socket is made (the temporary folder when null); tests give one too deep for a socket.</param>
    internal static VideoEncoder Start(EncodeSpec spec, AudioMixer? audio, string? socketFolder)
    {
        if ((spec.Audio is null) != (audio is null))
            throw new ArgumentException("An encode with sound needs the mixer that makes it, and one without sound none.", nameof(audio));
        CheckEncoder(spec.Video, spec.Width, spec.Height, spec.Kind);
        var temporary = spec.Kind == OutputKind.ImageSequence
            ? Path.Combine(OutputFile.TemporaryFolderFor(spec.OutputPath), Path.GetFileName(spec.OutputPath))
            : OutputFile.TemporaryPathFor(spec.OutputPath);
        var tracked = spec.Kind == OutputKind.ImageSequence ? Path.GetDirectoryName(temporary)! : temporary;
        if (spec.Kind != OutputKind.ImageSequence)
            // A render killed while it had no socket for the frames left its sound beside the output too.
            OutputFile.RemoveStalePartials(SoundPathFor(spec.OutputPath), sequence: false);
        CleanupRegistry.Track(tracked);
        var encoding = spec with { OutputPath = temporary };
        // A socket carries raw frames faster than a pipe (bench -- pipe), and leaves standard input to the sound; where
        // there is no socket the frames take standard input, and the sound is mixed into a temporary file first.
        string? audioFile = null;
        FfmpegProcess ffmpeg;
        try
        {
            OutputFile.CreateTemporary(spec.OutputPath, tracked, isFolder: spec.Kind == OutputKind.ImageSequence);
            ffmpeg = FfmpegProcess.StartWithSocket(input =>
            {
                if (audio is null || input != "pipe:0")
                    return BuildArguments(encoding, input);
                audioFile = OutputFile.TemporaryPathFor(SoundPathFor(spec.OutputPath));
                CleanupRegistry.Track(audioFile);
                using (var file = File.Create(audioFile))
                    audio.WriteTo(file);
                return BuildArguments(encoding, input, audioFile);
            }, isOutput: false, socketFolder, pipeStandardInput: audio is not null);
        }
        catch
        {
            audio?.Dispose();
            if (audioFile is not null)
            {
                File.Delete(audioFile);
                CleanupRegistry.Forget(audioFile);
            }
            TemporaryOwner.Remove(tracked);
            CleanupRegistry.Forget(tracked);
            throw;
        }
        var encoder = new VideoEncoder(ffmpeg, spec, temporary, audioFile);
        if (audio is not null && audioFile is null)
            encoder._audioWriter = Task.Factory.StartNew(() => encoder.WriteAudio(audio), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        else
            audio?.Dispose();
        return encoder;
    }

    /// <summary>Feeds the mix to ffmpeg's standard input, beside the frames; a failure stops ffmpeg, so the frames stop too.</summary>
    private void WriteAudio(AudioMixer audio)
    {
        try
        {
            using var input = _ffmpeg.StandardInput;
            audio.WriteTo(input, _stopAudio.Token);
        }
        catch
        {
            _ffmpeg.Kill();
            throw;
        }
        finally
        {
            audio.Dispose();
        }
    }

    /// <summary>
    /// Refuses, before any frame is computed, an encoder ffmpeg lacks, a pixel format the encoder does not take (ffmpeg would
    /// write another without a word, and the colour tags would not fit it), or a size the pixel format cannot hold.
    /// </summary>
    public static void CheckEncoder(EncoderSettings settings, int width, int height, OutputKind kind = OutputKind.Video)
    {
        CheckSize(settings.PixelFormat, width, height);
        var encoders = FfmpegTools.Encoders();
        if (!encoders.Contains(settings.Codec))
        {
            var available = EncoderSettings.Alternatives.Where(encoders.Contains).ToList();
            throw new ScriptComposerException(
                $"This ffmpeg has no encoder '{settings.Codec}'. " +
                (available.Count > 0 ? $"Use one it has, for example codec: \"{available[0]}\" ({string.Join(", ", available)} are available)." : "Install an ffmpeg build with libx264 (Debian's ffmpeg package has it)."));
        }
        // A GIF is given no pixel format: its palette filter makes the frames.
        if (kind != OutputKind.Gif && FfmpegTools.PixelFormats(settings.Codec) is { Count: > 0 } takes && !takes.Contains(settings.PixelFormat))
            throw new ScriptComposerException(
                $"The encoder '{settings.Codec}' does not take pixelFormat: \"{settings.PixelFormat}\"; it takes {string.Join(", ", takes.Take(12))}" +
                (takes.Count > 12 ? $" and {takes.Count - 12} more (ffmpeg -h encoder={settings.Codec} lists them)" : "") +
                ". Give one of those, or leave pixelFormat out for one that fits the codec.");
    }

    /// <summary>Refuses a size the pixel format cannot hold (4:2:0 needs an even width and height), offering a size that fits and a format that takes this one.</summary>
    public static void CheckSize(string pixelFormat, int width, int height)
    {
        if (pixelFormat is "yuv420p" or "yuvj420p" or "nv12" or "yuva420p" && (width % 2 != 0 || height % 2 != 0))
            throw new ScriptComposerException(
                $"The output is {width}x{height}, but {pixelFormat} video needs an even width and height. Use {width + width % 2}x{height + height % 2}{(width >= 2 && height >= 2 ? $" or {width - width % 2}x{height - height % 2}" : "")}." +
                (pixelFormat == "yuva420p" ? "" : " Or keep the size with pixelFormat: \"yuv444p\" (full color resolution; some players cannot play it)."));
    }

    /// <summary>The exact ffmpeg arguments for an output; pinned by tests so a change is deliberate.</summary>
    public static IReadOnlyList<string> BuildArguments(string outputPath, int width, int height, FrameRate fps, EncoderSettings settings) =>
        BuildArguments(new EncodeSpec(outputPath, width, height, fps, settings));

    /// <summary>
    /// The exact ffmpeg arguments for an output, reading raw frames from <paramref name="input"/> (an ffmpeg URL) and, when it
    /// has sound, the raw mix from <paramref name="audioInput"/>.
    /// </summary>
    public static IReadOnlyList<string> BuildArguments(EncodeSpec spec, string input = "pipe:0", string audioInput = "pipe:0") =>
        BuildArguments(spec, input, audioInput, trial: false);

    /// <summary>
    /// The arguments of <see cref="BuildArguments(EncodeSpec, string, string)"/>; for a <paramref name="trial"/> (see <see cref="OutputTrial"/>)
    /// ffmpeg says what it does (log level info), writes the one frame it is sent (at most two), picks the muxer from the name when <see cref="OutputFormats"/>
    /// does not know it, and picks the container's own encoder when the codec is empty.
    /// </summary>
    internal static IReadOnlyList<string> BuildArguments(EncodeSpec spec, string input, string audioInput, bool trial)
    {
        var settings = spec.Video;
        var args = new List<string> { "-hide_banner", "-loglevel", trial ? "info" : "error", "-nostdin", "-y", "-f", "rawvideo" };
        if (spec.Pipe == PipeFormat.I420)
        {
            args.AddRange(["-pix_fmt", "yuv420p", "-s", $"{spec.Width}x{spec.Height}", "-framerate", spec.Fps.ToString()]);
            args.AddRange(ColorTags(fullRange: false));
        }
        else
        {
            args.AddRange(["-pix_fmt", "rgba", "-s", $"{spec.Width}x{spec.Height}", "-framerate", spec.Fps.ToString()]);
        }
        // On the input, where the offset becomes a whole number of frames: each frame's time is then rounded once into the container's time base.
        if (spec.Offset != 0) args.AddRange(["-itsoffset", FfmpegDuration.FromMicroseconds(spec.Offset)]);
        args.AddRange(["-i", input]);
        if (spec.Audio is { } audio)
        {
            args.AddRange(AudioEncoder.RawInput(audio, audioInput));
            args.AddRange(["-map", "0:v", "-map", "1:a"]);
        }
        else
        {
            args.Add("-an");
        }

        var yuvOutput = TagsColors(spec.Kind, settings);
        var range = OutputFormats.IsFullRange(settings.PixelFormat) ? "pc" : "tv";
        if (spec.Kind == OutputKind.Gif)
            // The palette from every pixel of every frame (stats_mode=diff lost colours that appear after the first frame on ffmpeg 5.1).
            args.AddRange(["-vf", "split[frames][copy];[copy]palettegen[palette];[frames][palette]paletteuse=dither=sierra2_4a"]);
        else if (spec.Pipe != PipeFormat.I420 && yuvOutput)
            // setparams tags the frames themselves: some encoders (prores_ks) take the tags from the frames, not the options below.
            args.AddRange(["-vf", $"scale=out_color_matrix=bt709:out_range={range},setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range={range}"]);

        if (settings.Codec.Length > 0) args.AddRange(["-c:v", settings.Codec]);
        if (settings.Preset is { } preset && EncoderSettings.TakesPreset(settings.Codec)) args.AddRange(["-preset", preset]);
        if (settings.Codec == "prores_ks") args.AddRange(["-profile:v", spec.Alpha ? "4444" : "hq"]);
        if (settings.Crf is { } crf) args.AddRange(["-crf", crf.ToString(CultureInfo.InvariantCulture)]);
        if (settings.Bitrate is { } bitrate) args.AddRange(["-b:v", bitrate]);
        else if (settings.Codec == "libvpx-vp9" && settings.Crf is not null) args.AddRange(["-b:v", "0"]);
        if (settings.Threads is { } threads) args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(FfmpegTools.EncoderTimeBase(spec.Fps, settings.Codec));
        if (spec.Kind != OutputKind.Gif) args.AddRange(["-pix_fmt", settings.PixelFormat]);
        if (yuvOutput) args.AddRange(ColorTags(OutputFormats.IsFullRange(settings.PixelFormat)));

        if (spec.Audio is not null)
        {
            args.AddRange(AudioEncoder.CodecArguments(spec.OutputPath, spec.AudioSettings ?? new AudioSettings()));
        }

        // The muxer is named: ffmpeg would take a name holding '%' (50%done.gif) for a picture pattern.
        var muxer = spec.Kind == OutputKind.ImageSequence ? "image2"
            : spec.Muxer ?? settings.Muxer ?? (trial ? OutputFormats.KnownMuxer(spec.OutputPath) : OutputFormats.Muxer(spec.OutputPath));
        if (muxer is not null) args.AddRange(["-f", muxer]);
        if (spec.Kind == OutputKind.Gif && spec.Frames is > 0 and var frames)
            args.AddRange(["-final_delay", GifFinalDelay(frames, spec.Fps).ToString(CultureInfo.InvariantCulture)]);
        if (spec.Kind == OutputKind.ImageSequence)
            args.AddRange(["-start_number", "0"]);
        else if (muxer is "mp4" or "mov" && spec.Muxer is null)
            args.AddRange(["-movflags", "+faststart"]);
        if (settings.ExtraArguments is { } extra) args.AddRange(extra);
        // The trial sends one frame and ends with its input, as a render does: stopped by a limit of one frame instead, some muxers
        // (MXF with sound) drop the sound still queued and leave a file they cannot read. The limit only bounds what ffmpegArgs could add.
        if (trial) args.AddRange(["-frames:v", "2"]);
        args.Add(spec.Kind == OutputKind.ImageSequence ? LiteralFolder(spec.OutputPath) : spec.OutputPath);
        return args;
    }

    public void WriteFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            _ffmpeg.Input.Write(frame);
            _frames++;
        }
        catch (IOException e)
        {
            ThrowIfAudioFailed();
            throw Failure("stopped accepting frames", e);
        }
    }

    /// <summary>The frames written so far.</summary>
    public long Frames => _frames;

    /// <summary>A mix that failed (a volume function that threw, a file that would not decode) says so itself.</summary>
    private void ThrowIfAudioFailed()
    {
        if (_audioWriter is not { } writer)
            return;
        // With ffmpeg gone, a writer still running ends at once; one that failed first is what stopped ffmpeg.
        try { writer.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        if (writer is { IsFaulted: true } && writer.Exception!.InnerException is ScriptComposerException failure)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>
    /// Closes the pipe, waits for ffmpeg, proves what it wrote whole (see <see cref="VideoEncoder"/>), and moves the
    /// temporary file (or pictures) to the output. Returns the bytes of the output.
    /// </summary>
    public long Complete()
    {
        try
        {
            _ffmpeg.Input.Close();
        }
        catch (IOException e)
        {
            ThrowIfAudioFailed();
            throw Failure("failed while finishing the file", e);
        }
        try
        {
            _audioWriter?.GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw Failure("stopped accepting sound", e);
        }
        var code = _ffmpeg.WaitForExit();
        if (code != 0)
            throw Failure($"exited with code {code}", null);
        if (_ffmpeg.WriteErrors.Count > 0)
            throw OutputFile.CouldNotWrite(_spec.OutputPath, $"ffmpeg said:\n{_ffmpeg.StderrTail}");
        var bytes = _spec.Kind == OutputKind.ImageSequence ? CompleteSequence() : CompleteFile();
        _completed = true;
        CleanUp();
        return bytes;
    }

    private long CompleteFile()
    {
        try
        {
            var counts = OutputProbe.Read(_temporaryPath, _spec.OutputPath);
            // A file stamped from an offset lasts to its last frame's end from time 0, as demuxers count a Matroska file's length.
            OutputProbe.RequireVideo(counts, _spec.OutputPath, _frames, _spec.Offset / 1e6 + _spec.Fps.TimeOf(_frames), _spec.Fps.TimeOf(1), _spec.Audio is not null);
        }
        catch (OutputNotWholeException e) when (_spec.Video.ExtraArguments is { Count: > 0 } extra)
        {
            // ffmpeg wrote without complaint, so the file is what it was told to write: the ffmpegArgs, not the disk, are the likely cause.
            throw OutputFile.CouldNotWrite(_spec.OutputPath, e.Reason,
                $"It was written with ffmpegArgs: {{{string.Join(", ", extra.Select(a => $"\"{a}\""))}}}, which go to ffmpeg as they are and can make it write " +
                "something other than the video sc sent (-f changes the container or writes nothing, -r or -frames the frames). Remove or correct them " +
                "(the extension chooses the container, Render's fps: the frame rate); `sc check` tries them in a moment.", e);
        }
        OutputFile.Replace(_temporaryPath, _spec.OutputPath);
        return new FileInfo(_spec.OutputPath).Length;
    }

    /// <summary>
    /// Checks that the temporary folder holds exactly the pictures 0 to N-1, each whole; moves them into place; and removes
    /// the pictures of the same pattern numbered N or more (an earlier, longer render), so the folder holds this render.
    /// </summary>
    private long CompleteSequence()
    {
        var pattern = Path.GetFileName(_spec.OutputPath);
        var folder = Path.GetDirectoryName(_temporaryPath)!;
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < _frames; i++)
            expected.Add(OutputFile.SequenceFileName(pattern, i));
        var written = Directory.GetFiles(folder).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        if (!written.SetEquals(expected))
        {
            var missing = expected.Except(written!).Order(StringComparer.Ordinal).Take(3).ToList();
            var extra = written.Except(expected).Order(StringComparer.Ordinal).Take(3).ToList();
            throw OutputFile.CouldNotWrite(_spec.OutputPath,
                $"{_frames} frames went to ffmpeg, but it wrote {written.Count} pictures" +
                (missing.Count > 0 ? $" (missing {string.Join(", ", missing)})" : "") + (extra.Count > 0 ? $" (unexpected {string.Join(", ", extra!)})" : "") + ".");
        }
        foreach (var name in expected)
            OutputProbe.CheckPicture(Path.Combine(folder, name), _spec.OutputPath);

        var target = Path.GetDirectoryName(Path.GetFullPath(_spec.OutputPath))!;
        var leftovers = SequenceCommit.Leftovers(target, pattern, _frames);
        // Every picture replaced or removed is checked before any is: none may be a file the script read while rendering.
        foreach (var file in expected.Select(name => Path.Combine(target, name)).Concat(leftovers))
            OpenedMedia.RequireNotOpened(file);
        long bytes = 0;
        OutputCommit.Run(_spec.OutputPath, () => bytes = SequenceCommit.Move(folder, target, pattern, _frames));
        return bytes;
    }

    /// <summary>Kills ffmpeg (if still running) and removes what was not completed; safe to call more than once.</summary>
    public void Dispose()
    {
        _stopAudio.Cancel();
        _ffmpeg.Dispose();
        // The writer ends at once with ffmpeg gone; waiting for it ends the mix's decoders too.
        try { _audioWriter?.Wait(); } catch (AggregateException) { }
        CleanUp();
    }

    private void CleanUp()
    {
        if (_audioFile is not null)
        {
            if (File.Exists(_audioFile))
                File.Delete(_audioFile);
            CleanupRegistry.Forget(_audioFile);
        }
        if (_spec.Kind == OutputKind.ImageSequence)
        {
            var folder = Path.GetDirectoryName(_temporaryPath)!;
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        else if (!_completed && File.Exists(_temporaryPath))
        {
            File.Delete(_temporaryPath);
        }
        CleanupRegistry.Forget(_spec.Kind == OutputKind.ImageSequence ? Path.GetDirectoryName(_temporaryPath)! : _temporaryPath);
    }

    /// <summary>
    /// The name the sound's temporary file is made from where ffmpeg has no socket for the frames (the output's, with the
    /// extension .f32): its temporary files are <c>.name.partial-….f32</c>.
    /// </summary>
    private static string SoundPathFor(string outputPath) => Path.ChangeExtension(outputPath, ".f32");

    /// <summary>The pattern with any '%' of its folders doubled, so image2 numbers only the file name.</summary>
    private static string LiteralFolder(string pattern)
    {
        var folder = Path.GetDirectoryName(pattern);
        return string.IsNullOrEmpty(folder) ? pattern : Path.Combine(folder.Replace("%", "%%", StringComparison.Ordinal), Path.GetFileName(pattern));
    }

    /// <summary>
    /// How long a GIF shows its last frame, in centiseconds: to the end of the video on the GIF's 1/100 s clock, where each
    /// other frame lasts to the next one's rounded start (the muxer would repeat the one before's, and the GIF would end early or late).
    /// </summary>
    internal static long GifFinalDelay(long frames, FrameRate fps) => Math.Max(1, fps.RoundedTimeOf(frames, 100) - fps.RoundedTimeOf(frames - 1, 100));

    /// <summary>
    /// The color tags an output of <paramref name="kind"/> encoded with <paramref name="settings"/> is given (BT.709 for YUV video,
    /// limited range but for the full-range yuvj formats), as output options: what the join gives again to chunks whose segment
    /// container kept no range.
    /// </summary>
    internal static IReadOnlyList<string> ColorTagsFor(OutputKind kind, EncoderSettings settings) =>
        TagsColors(kind, settings) ? ColorTags(OutputFormats.IsFullRange(settings.PixelFormat)) : [];

    /// <summary>Whether the output holds Y'CbCr that sc converts and tags as BT.709; RGB formats (bgr0, gbrp) get no matrix or range.</summary>
    private static bool TagsColors(OutputKind kind, EncoderSettings settings) =>
        kind == OutputKind.Video && settings.PixelFormat.StartsWith("yuv", StringComparison.Ordinal) && !OutputFormats.UsesDefaultMatrix(settings);

    private static string[] ColorTags(bool fullRange) =>
        ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", fullRange ? "pc" : "tv"];

    private ScriptComposerException Failure(string what, Exception? inner)
    {
        _ffmpeg.Kill();
        if (_ffmpeg.WriteErrors.Count > 0)
            return OutputFile.CouldNotWrite(_spec.OutputPath, $"ffmpeg said:\n{_ffmpeg.StderrTail}", inner);
        var message = $"ffmpeg {what} while writing '{_spec.OutputPath}'; nothing was written there. ffmpeg said:\n{_ffmpeg.StderrTail}";
        return inner is null ? new ScriptComposerException(message) : new ScriptComposerException(message, inner);
    }
}
