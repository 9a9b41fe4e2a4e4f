using System.Buffers.Binary;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;

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
    /// Output <paramref name="index"/> of the last finished render, when every file of it (the one file, or each picture of
    /// a sequence) is inside the script's folder (links followed); null for anything else, so nothing outside that folder is
    /// ever sent.
    /// </summary>
    internal RenderedOutput? RenderedOutput(int index)
    {
        var written = _render.Written;
        if (index < 0 || index >= written.Count)
            return null;
        return written[index].IsSendableFrom(Path.GetDirectoryName(ScriptPath)!) ? written[index] : null;
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
            throw new ScriptComposerException(DescribeScriptError(e, "the layer's values failed").Text);
        }
    }

    /// <summary>
    /// The sound of the preview's timeline as a 16-bit stereo WAV, mixed once per good evaluation, for the page to play
    /// beside the proxy frames. Mixed on the script worker a second of sound at a time, each second held to the time
    /// limit as a frame is: a long file may take longer to mix than a script may run, but script code (a volume
    /// function) that loops without end is stopped at its line instead of spinning for ever.
    /// </summary>
    /// <exception cref="InvalidOperationException">No evaluation has succeeded yet.</exception>
    /// <exception cref="ScriptComposerException">The mix failed (its message says where, and why).</exception>
    public async Task<byte[]> SoundAsync(CancellationToken cancellation = default)
    {
        var generation = Volatile.Read(ref _current)
            ?? throw new InvalidOperationException("The script has not evaluated without errors yet, so it has no sound to play.");
        if (_sound is { } cached && cached.Generation == generation.Number)
            return cached.Wav;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopping.Token);
        // An abandoned job may still be reading the mixer on its own thread: the mix is disposed once that thread returns.
        using var mix = new DisposedWhenIdle<SoundMix>(new SoundMix(generation));
        byte[] wav;
        try
        {
            while (!await _worker.RunAsync(() => mix.Use(m => m.NextSecond()), _options.TimeLimit, generation.Guard, stop.Token).ConfigureAwait(false))
            {
            }
            wav = mix.Use(m => m.Wav);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException))
        {
            throw new ScriptComposerException(DescribeScriptError(e, "the sound failed").Text);
        }
        _sound = (generation.Number, wav);
        return wav;
    }

    /// <summary>One mix of a generation's sound, done a second at a time on the script worker.</summary>
    private sealed class SoundMix(Generation generation) : IDisposable
    {
        private readonly AudioFormat _format = new(PreviewSampleRate, ChannelLayout.Stereo);
        private readonly double _seconds = Math.Min(generation.Duration, MostPreviewSound.TotalSeconds);
        private readonly float[] _block = new float[AudioMixer.BlockFrames * 2];
        private AudioMixer? _mixer;
        private byte[]? _wav;
        private int _at = 44;

        public byte[] Wav => _wav ?? throw new InvalidOperationException("The sound is not mixed yet.");

        /// <summary>Mixes about a second more; true once the whole sound is mixed.</summary>
        public bool NextSecond()
        {
            if (_mixer is null)
            {
                var segments = generation.Clip.HasPicture && generation.Duration > 0 ? AudioTimeline.Segments(generation.Clip) : [];
                _mixer = new AudioMixer(segments, _format, 0, _seconds);
                var frames = (int)_format.SampleAt(_seconds);
                _wav = new byte[44 + frames * 4];
                WriteHeader(_wav, frames, _format.SampleRate);
            }
            var wav = _wav!;
            for (var mixed = 0; mixed < PreviewSampleRate; mixed += AudioMixer.BlockFrames)
            {
                var read = _mixer.Read(_block);
                if (read <= 0)
                    return true;
                for (var i = 0; i < read * 2 && _at < wav.Length; i++, _at += 2)
                    BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(_at), (short)Math.Round(Math.Clamp(_block[i], -1f, 1f) * short.MaxValue));
            }
            return false;
        }

        public void Dispose() => _mixer?.Dispose();
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
