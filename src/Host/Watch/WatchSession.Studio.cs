using System.Buffers.Binary;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

public sealed partial class WatchSession
{
    /// <summary>The longest sound the studio plays with its proxy; a longer timeline plays silent past it.</summary>
    public static readonly TimeSpan MostPreviewSound = TimeSpan.FromMinutes(10);

    /// <summary>The preview's sound: 24 kHz, enough to follow the picture, at a quarter of a render's bytes.</summary>
    private const int PreviewSampleRate = 24000;

    private readonly PageRender _render;
    private (int Generation, byte[] Wav)? _sound;

    /// <summary>Where the render started from the page stands.</summary>
    public RenderStatus RenderStatus => _render.Status;

    /// <summary>Starts rendering the script's outputs as <c>sc render</c> would, unless a render is running.</summary>
    public RenderStatus StartRender() => _render.Start();

    /// <summary>
    /// The full path of output <paramref name="index"/> of the last finished render, when it is a file inside the
    /// script's folder (links followed); null for anything else, so nothing outside that folder is ever sent.
    /// </summary>
    public string? RenderedFile(int index)
    {
        var written = _render.Written;
        if (index < 0 || index >= written.Count || !File.Exists(written[index]))
            return null;
        var folder = Path.GetDirectoryName(ScriptPath)! + Path.DirectorySeparatorChar;
        var real = File.ResolveLinkTarget(written[index], returnFinalTarget: true)?.FullName ?? written[index];
        return Path.GetFullPath(written[index]).StartsWith(folder, StringComparison.Ordinal) && Path.GetFullPath(real).StartsWith(folder, StringComparison.Ordinal)
            ? written[index]
            : null;
    }

    /// <summary>A layer's properties at <paramref name="time"/> (its position and opacity asked of the script's functions); null when there is no such layer.</summary>
    public async Task<LayerProperties?> LayerAsync(string id, double time, CancellationToken cancellation = default)
    {
        var generation = Volatile.Read(ref _current)
            ?? throw new InvalidOperationException("The script has not evaluated without errors yet, so it has no layers to show.");
        var t = generation.Snap(time);
        try
        {
            return await _worker.RunAsync(() => StudioTimeline.Properties(generation.Clip, t, id, generation.Names), _options.TimeLimit, generation.Guard, cancellation)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException))
        {
            // The script's position or opacity function threw, or ran past the limit: said at its line, as a frame's error is.
            var (file, line) = ScriptHost.ScriptLineOf(e);
            throw new ScriptComposerException(ScriptDiagnostic.AtLine(file, line, e is ScriptTimeoutException ? e.Message : $"the layer's values failed: {e.Message}").Text);
        }
    }

    /// <summary>
    /// The sound of the preview's timeline as a 16-bit stereo WAV, mixed once per good evaluation, for the page to play
    /// beside the proxy frames. Mixed off the script worker (a long file takes longer than a script may run), guarded by
    /// the generation's stop.
    /// </summary>
    public async Task<byte[]> SoundAsync(CancellationToken cancellation = default)
    {
        var generation = Volatile.Read(ref _current)
            ?? throw new InvalidOperationException("The script has not evaluated without errors yet, so it has no sound to play.");
        if (_sound is { } cached && cached.Generation == generation.Number)
            return cached.Wav;
        var wav = await Task.Run(() =>
        {
            using var stop = generation.Guard.StopOn(_stopping.Token);
            return Mix(generation);
        }, cancellation).ConfigureAwait(false);
        _sound = (generation.Number, wav);
        return wav;
    }

    private static byte[] Mix(Generation generation)
    {
        var format = new AudioFormat(PreviewSampleRate, ChannelLayout.Stereo);
        var seconds = Math.Min(generation.Duration, MostPreviewSound.TotalSeconds);
        var segments = generation.Clip.HasPicture && generation.Duration > 0 ? AudioTimeline.Segments(generation.Clip) : [];
        using var mixer = new AudioMixer(segments, format, 0, seconds);
        var frames = (int)format.SampleAt(seconds);
        var wav = new byte[44 + frames * 4];
        WriteHeader(wav, frames, format.SampleRate);
        var block = new float[AudioMixer.BlockFrames * 2];
        var at = 44;
        int read;
        while ((read = mixer.Read(block)) > 0)
        {
            for (var i = 0; i < read * 2 && at < wav.Length; i++, at += 2)
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(at), (short)Math.Round(Math.Clamp(block[i], -1f, 1f) * short.MaxValue));
        }
        return wav;
    }

    private static void WriteHeader(byte[] wav, int frames, int rate)
    {
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + frames * 4);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate * 4);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 4);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], frames * 4);
    }

    private ScriptNames ReadNames()
    {
        try
        {
            return ScriptNames.Read(File.ReadAllText(ScriptPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ScriptNames.Read("");
        }
    }
}
