using System.Diagnostics;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Host.Scripting;
using SkiaSharp;

namespace ScriptComposer.Host.Watch;

public sealed partial class WatchSession
{
    private DisposedWhenIdle<FrameRenderer> _renderer;
    private int _rendererUses;
    private double _time;
    private PreviewFrame? _lastFrame;

    /// <summary>
    /// The preview's frame at <paramref name="time"/> (snapped to a frame of the output), <paramref name="scale"/> times
    /// the output's size, as PNG or JPEG. A full-size PNG also makes that time the one shown after the next reload.
    /// </summary>
    /// <exception cref="InvalidOperationException">No evaluation has succeeded yet.</exception>
    /// <exception cref="ScriptComposerException">The frame failed (its message says where, and why).</exception>
    public async Task<PreviewFrame> RenderFrameAsync(double time, double scale = 1, bool jpeg = false, CancellationToken cancellation = default)
    {
        var generation = Volatile.Read(ref _current)
            ?? throw new InvalidOperationException("The script has not evaluated without errors yet, so there is no frame to show.");
        var t = generation.Snap(time);
        scale = Math.Clamp(scale, 0.05, 1);
        var still = !jpeg && scale >= 1;
        if (still)
            Volatile.Write(ref _time, t);
        if (_lastFrame is { } last && last.Generation == generation.Number && last.Time == t && last.Scale == scale && last.ContentType == ContentType(jpeg))
            return last;
        try
        {
            var frame = await RenderAsync(generation, t, scale, jpeg, fresh: false, cancellation).ConfigureAwait(false);
            if (still)
                _lastFrame = frame;
            return frame;
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException))
        {
            throw new ScriptComposerException(DescribeScriptError(e, "the frame failed").Text);
        }
    }

    private async Task<PreviewFrame> RenderAsync(Generation generation, double time, double scale, bool jpeg, bool fresh, CancellationToken cancellation)
    {
        var abandoned = _worker.Abandoned;
        try
        {
            return await _worker.RunAsync(() =>
            {
                if (fresh)
                {
                    _renderer.Dispose();
                    _renderer = new(new FrameRenderer(_backend.Backend));
                    _rendererUses = 0;
                }
                if (still(scale, jpeg))
                    _rendererUses++;
                return _renderer.Use(renderer => Render(renderer, generation, time, scale, jpeg));
            }, _options.TimeLimit, generation.Guard, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ScriptTimeoutException { Abandoned: true } || _worker.Abandoned != abandoned)
        {
            // The abandoned thread may still be using the renderer: it is disposed once that thread returns, if ever.
            var stuck = _renderer;
            _renderer = new(new FrameRenderer(_backend.Backend));
            stuck.Dispose();
            _rendererUses = 0;
            throw;
        }

        static bool still(double scale, bool jpeg) => !jpeg && scale >= 1;
    }

    private PreviewFrame Render(FrameRenderer renderer, Generation generation, double time, double scale, bool jpeg)
    {
        var clock = Stopwatch.StartNew();
        var backend = _backend.Backend;
        using var image = renderer.Render(generation.Clip, time);
        using var scaled = scale < 1
            ? backend.Allocate(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)))
            : null;
        if (scaled is not null)
            backend.Resize(image, scaled);
        var shown = scaled ?? image;
        var pixels = new byte[shown.ByteCount];
        backend.Download(shown, pixels);
        var bytes = Encode(pixels, shown.Width, shown.Height, jpeg);
        return new PreviewFrame(bytes, ContentType(jpeg), generation.Number, time, scale, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Premultiplied RGBA to PNG (fast zlib level: the browser is local) or JPEG (the playback proxy).</summary>
    private static unsafe byte[] Encode(byte[] premultipliedRgba, int width, int height, bool jpeg)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        fixed (byte* p = premultipliedRgba)
        {
            using var pixmap = new SKPixmap(info, (nint)p, info.RowBytes);
            using var data = jpeg
                ? pixmap.Encode(new SKJpegEncoderOptions(80, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                : pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1));
            return data?.ToArray() ?? throw new ScriptComposerException($"SkiaSharp could not encode a {width}x{height} preview frame.");
        }
    }

    private static string ContentType(bool jpeg) => jpeg ? "image/jpeg" : "image/png";

    /// <summary>Why a frame or the sound failed (<paramref name="failed"/>), at the script line when the script's code threw (a lambda, a frame generator).</summary>
    private static ScriptDiagnostic DescribeScriptError(Exception e, string failed)
    {
        var (file, line) = ScriptHost.ScriptLineOf(e);
        var message = e is ScriptTimeoutException ? e.Message : $"{failed}: {e.Message}";
        return ScriptDiagnostic.AtLine(file, line, message);
    }
}
