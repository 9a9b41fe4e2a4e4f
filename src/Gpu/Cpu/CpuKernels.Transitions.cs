using System.Runtime.CompilerServices;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>The twins of <c>Kernels/transition.cu</c>, entry point by entry point (p = 1 − progress is xfade's own progress).</summary>
internal static partial class CpuKernels
{
    internal static void Transition(byte[] from, byte[] to, byte[] target, int width, int height, TransitionKind kind, float progress, (byte R, byte G, byte B, byte A) color)
    {
        Action<int> row = kind switch
        {
            TransitionKind.Fade or TransitionKind.FadeColor => y => TransitionMixRow(from, to, target, width, y, kind, progress, color),
            >= TransitionKind.WipeLeft and <= TransitionKind.WipeBottomRight => y => TransitionWipeRow(from, to, target, width, height, y, kind, progress),
            >= TransitionKind.SlideLeft and <= TransitionKind.CoverDown => y => TransitionSlideRow(from, to, target, width, height, y, kind, progress),
            >= TransitionKind.CircleOpen and <= TransitionKind.RectOpen => y => TransitionShapeRow(from, to, target, width, height, y, kind, progress, color),
            TransitionKind.Dissolve => y => TransitionDissolveRow(from, to, target, width, y, progress),
            TransitionKind.ZoomIn => y => TransitionZoomRow(from, to, target, width, height, y, progress),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), $"There is no transition {(int)kind}."),
        };
        ForRows(height, width, row);
    }

    /// <summary>sc_xf_smoothstep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SmoothStep(float edge0, float edge1, float x)
    {
        var t = (x - edge0) / (edge1 - edge0);
        t = t < 0f ? 0f : (t > 1f ? 1f : t);
        return t * t * (3f - 2f * t);
    }

    /// <summary>sc_xf_mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float XfMix(float a, float b, float m) => a * m + b * (1f - m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void XfMix4(byte[] a, int ai, byte[] b, int bi, byte[] target, int ti, float m)
    {
        for (var c = 0; c < 4; c++)
            target[ti + c] = ToByte(XfMix(a[ai + c], b[bi + c], m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy4(byte[] source, int si, byte[] target, int ti) =>
        Unsafe.WriteUnaligned(ref target[ti], Unsafe.ReadUnaligned<uint>(ref source[si]));

    private static void TransitionMixRow(byte[] from, byte[] to, byte[] target, int width, int y, TransitionKind kind, float progress, (byte R, byte G, byte B, byte A) color)
    {
        var p = 1f - progress;
        var fadeOut = SmoothStep(0.8f, 1f, p);
        var fadeIn = SmoothStep(0.2f, 1f, p);
        Span<float> bg = [color.R, color.G, color.B, color.A];
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
        {
            if (kind == TransitionKind.Fade)
            {
                XfMix4(from, i, to, i, target, i, p);
                continue;
            }
            for (var c = 0; c < 4; c++)
                target[i + c] = ToByte(XfMix(XfMix(from[i + c], bg[c], fadeOut), XfMix(bg[c], to[i + c], fadeIn), p));
        }
    }

    private static void TransitionWipeRow(byte[] from, byte[] to, byte[] target, int width, int height, int y, TransitionKind kind, float progress)
    {
        var p = 1f - progress;
        int zw = (int)(width * p), zh = (int)(height * p), zw1 = (int)(width * (1f - p)), zh1 = (int)(height * (1f - p));
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
        {
            var showFrom = kind switch
            {
                TransitionKind.WipeLeft => x <= zw,
                TransitionKind.WipeRight => x > zw1,
                TransitionKind.WipeUp => y <= zh,
                TransitionKind.WipeDown => y > zh1,
                TransitionKind.WipeTopLeft => y <= zh && x <= zw,
                TransitionKind.WipeTopRight => y <= zh && x > zw1,
                TransitionKind.WipeBottomLeft => y > zh1 && x <= zw,
                _ => y > zh1 && x > zw1,
            };
            Copy4(showFrom ? from : to, i, target, i);
        }
    }

    private static void TransitionSlideRow(byte[] from, byte[] to, byte[] target, int width, int height, int y, TransitionKind kind, float progress)
    {
        var p = 1f - progress;
        var direction = (int)kind & 3;
        var cover = kind >= TransitionKind.CoverLeft;
        var horizontal = direction < 2;
        var size = horizontal ? width : height;
        var z = (direction & 1) == 0 ? (int)(-p * size) : (int)(p * size);
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
        {
            var shifted = z + (horizontal ? x : y);
            var wrapped = shifted % size;
            if (wrapped < 0) wrapped += size;
            var j = (horizontal ? y * width + wrapped : wrapped * width + x) * 4;
            if (shifted >= 0 && shifted < size)
                Copy4(to, j, target, i);
            else
                Copy4(from, cover ? i : j, target, i);
        }
    }

    private static void TransitionShapeRow(byte[] from, byte[] to, byte[] target, int width, int height, int y, TransitionKind kind, float progress, (byte R, byte G, byte B, byte A) color)
    {
        var p = 1f - progress;
        var dy = y - height / 2;
        int hw = width / 2, hh = height / 2;
        var z = MathF.Sqrt(hw * hw + hh * hh);
        var shift = kind == TransitionKind.CircleOpen ? (p - 0.5f) * 3f : (1f - p - 0.5f) * 3f;
        var d = MathF.Abs(p - 0.5f);
        int zh = (int)(d * height), zw = (int)(d * width);
        var cy = 2 * y + 1 - height;
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
        {
            var dx = x - width / 2;
            switch (kind)
            {
                case TransitionKind.CircleOpen or TransitionKind.CircleClose:
                    var smooth = SmoothStep(0f, 1f, MathF.Sqrt(dx * dx + dy * dy) / z + shift);
                    if (kind == TransitionKind.CircleOpen) XfMix4(from, i, to, i, target, i, smooth);
                    else XfMix4(to, i, from, i, target, i, smooth);
                    break;
                case TransitionKind.RectCrop:
                    if (Math.Abs(dx) < zw && Math.Abs(dy) < zh)
                        Copy4(p < 0.5f ? to : from, i, target, i);
                    else
                        (target[i], target[i + 1], target[i + 2], target[i + 3]) = color;
                    break;
                default:
                    var cx = 2 * x + 1 - width;
                    Copy4(Math.Abs(cx) < progress * width && Math.Abs(cy) < progress * height ? to : from, i, target, i);
                    break;
            }
        }
    }

    /// <summary>sc_xf_noise: an integer hash of the position to [0, 1).</summary>
    internal static float TransitionNoise(int x, int y)
    {
        unchecked
        {
            var h = (uint)x * 0x8da6b343u ^ (uint)y * 0xd8163841u;
            h ^= h >> 16;
            h *= 0x7feb352du;
            h ^= h >> 15;
            h *= 0x846ca68bu;
            h ^= h >> 16;
            return (h >> 8) * (1f / 16777216f);
        }
    }

    private static void TransitionDissolveRow(byte[] from, byte[] to, byte[] target, int width, int y, float progress)
    {
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
            Copy4(TransitionNoise(x, y) < progress ? to : from, i, target, i);
    }

    private static void TransitionZoomRow(byte[] from, byte[] to, byte[] target, int width, int height, int y, float progress)
    {
        var p = 1f - progress;
        float w = width, h = height;
        var zf = SmoothStep(0.5f, 1f, p);
        var fade = SmoothStep(0f, 0.5f, p);
        var v = 0.5f + ((y / h - 0.5f) * zf);
        var iv = Math.Clamp((int)MathF.Ceiling(v * (h - 1f)), 0, height - 1);
        for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
        {
            var u = 0.5f + ((x / w - 0.5f) * zf);
            var iu = Math.Clamp((int)MathF.Ceiling(u * (w - 1f)), 0, width - 1);
            XfMix4(from, (iv * width + iu) * 4, to, i, target, i, fade);
        }
    }

    /// <summary>
    /// A user's transition on the host (and the twin of the kernel TransitionEffectKernel generates): both pictures' straight RGBA in
    /// [0, 1] in, the user's function, clamp (NaN → 0), premultiply out.
    /// </summary>
    internal static void TransitionEffect(byte[] from, byte[] to, byte[] target, int width, int height, TransitionFunction function, float progress)
    {
        ForRows(height, width, y =>
        {
            for (int x = 0, i = y * width * 4; x < width; x++, i += 4)
            {
                var output = function(StraightPixel(from.AsSpan(i, 4)), StraightPixel(to.AsSpan(i, 4)), x, y, progress);
                StorePremultiplied(target.AsSpan(i, 4), output);
            }
        });
    }
}
