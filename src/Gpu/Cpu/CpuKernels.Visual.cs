namespace ScriptComposer.Gpu.Cpu;

/// <summary>The twins of mirror.cu, rotate.cu, resample.cu, blur.cu, color.cu, chromakey.cu and composite.cu's blend modes.</summary>
internal static partial class CpuKernels
{
    internal static void MirrorX(byte[] source, byte[] target, int width, int height)
    {
        ForRows(height, width, y =>
        {
            var src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(source.AsSpan(y * width * 4, width * 4));
            var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(target.AsSpan(y * width * 4, width * 4));
            for (var x = 0; x < width; x++)
                dst[x] = src[width - 1 - x];
        });
    }

    internal static void MirrorY(byte[] source, byte[] target, int width, int height)
    {
        ForRows(height, width, y => source.AsSpan((height - 1 - y) * width * 4, width * 4).CopyTo(target.AsSpan(y * width * 4, width * 4)));
    }

    internal static void Rotate(byte[] source, int sw, int sh, byte[] target, int tw, int th, float cosT, float sinT, (byte R, byte G, byte B, byte A) background)
    {
        ForRows(th, tw, y =>
        {
            var row = target.AsSpan(y * tw * 4, tw * 4);
            Span<byte> taps = stackalloc byte[16];
            var py = y + 0.5f - th * 0.5f;
            for (var x = 0; x < tw; x++)
            {
                var px = x + 0.5f - tw * 0.5f;
                var u = MathF.Min(MathF.Max(cosT * px - sinT * py + sw * 0.5f - 0.5f, -2f), sw + 1f);
                var v = MathF.Min(MathF.Max(sinT * px + cosT * py + sh * 0.5f - 0.5f, -2f), sh + 1f);
                var fu = MathF.Floor(u);
                var fv = MathF.Floor(v);
                var x1 = (int)fu;
                var y1 = (int)fv;
                var wx = u - fu;
                var wy = v - fv;
                for (var t = 0; t < 4; t++)
                {
                    var tx = x1 + (t & 1);
                    var ty = y1 + (t >> 1);
                    if (tx >= 0 && tx < sw && ty >= 0 && ty < sh)
                        source.AsSpan((ty * sw + tx) * 4, 4).CopyTo(taps.Slice(t * 4, 4));
                    else
                        (taps[t * 4], taps[t * 4 + 1], taps[t * 4 + 2], taps[t * 4 + 3]) = background;
                }
                for (var c = 0; c < 4; c++)
                    row[x * 4 + c] = Bilinear(taps[c], taps[4 + c], taps[8 + c], taps[12 + c], wx, wy);
            }
        });
    }

    /// <summary>sc_resample_weight: Catmull-Rom (filter 1) or Lanczos-3 (filter 2).</summary>
    internal static float ResampleWeight(int filter, float x)
    {
        x = MathF.Abs(x);
        if (filter == 1)
        {
            if (x < 1f)
                return (1.5f * x - 2.5f) * x * x + 1f;
            if (x < 2f)
                return ((-0.5f * x + 2.5f) * x - 4f) * x + 2f;
            return 0f;
        }
        if (x == 0f)
            return 1f;
        if (x < 3f)
        {
            var a = 3.14159265f * x;
            return 3f * MathF.Sin(a) * MathF.Sin(a / 3f) / (a * a);
        }
        return 0f;
    }

    /// <summary>sc_resample_axis: one pass of a separable bicubic / Lanczos-3 resize (see resample.cu).</summary>
    internal static void ResampleAxis(byte[] source, int sw, int sh, byte[] target, int tw, int th, int filter, bool vertical)
    {
        if (Vectors)
        {
            if (vertical)
                ResampleVerticalVector(source, sw, sh, target, tw, th, filter);
            else
                ResampleHorizontalVector(source, sw, target, tw, th, filter);
            return;
        }
        var inSize = vertical ? sh : sw;
        var outSize = vertical ? th : tw;
        var scale = (float)inSize / outSize;
        var widen = MathF.Max(scale, 1f);
        var support = (filter == 1 ? 2f : 3f) * widen;
        ForRows(th, tw, y =>
        {
            var row = target.AsSpan(y * tw * 4, tw * 4);
            for (var x = 0; x < tw; x++)
            {
                var o = vertical ? y : x;
                var center = (o + 0.5f) * scale - 0.5f;
                var first = (int)MathF.Floor(center - support) + 1;
                var last = (int)MathF.Floor(center + support);
                float r = 0f, g = 0f, b = 0f, a = 0f, sum = 0f;
                for (var j = first; j <= last; j++)
                {
                    var w = ResampleWeight(filter, (j - center) / widen);
                    var k = Math.Min(Math.Max(j, 0), inSize - 1);
                    var i = (vertical ? k * sw + x : y * sw + k) * 4;
                    r += w * source[i];
                    g += w * source[i + 1];
                    b += w * source[i + 2];
                    a += w * source[i + 3];
                    sum += w;
                }
                WriteLimited(row, x, r / sum, g / sum, b / sum, a / sum);
            }
        });
    }

    /// <summary>Rounds, then limits each color to alpha, so premultiplied stays valid.</summary>
    private static void WriteLimited(Span<byte> row, int x, float r, float g, float b, float a)
    {
        var oa = ToByte(a);
        row[x * 4] = Math.Min(ToByte(r), oa);
        row[x * 4 + 1] = Math.Min(ToByte(g), oa);
        row[x * 4 + 2] = Math.Min(ToByte(b), oa);
        row[x * 4 + 3] = oa;
    }

    /// <summary>sc_blur_axis: one pass of a separable Gaussian blur (source and target of the same size, distinct).</summary>
    internal static void BlurAxis(byte[] source, byte[] target, int width, int height, float sigma, int radius, bool vertical)
    {
        var denom = 2f * sigma * sigma;
        var size = vertical ? height : width;
        var weights = new float[2 * radius + 1];
        for (var i = -radius; i <= radius; i++)
            weights[i + radius] = i == 0 ? 1f : MathF.Exp(-(float)(i * i) / denom);
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                var o = vertical ? y : x;
                float r = 0f, g = 0f, b = 0f, a = 0f, sum = 0f;
                for (var i = -radius; i <= radius; i++)
                {
                    var w = weights[i + radius];
                    var k = Math.Min(Math.Max(o + i, 0), size - 1);
                    var p = (vertical ? k * width + x : y * width + k) * 4;
                    r += w * source[p];
                    g += w * source[p + 1];
                    b += w * source[p + 2];
                    a += w * source[p + 3];
                    sum += w;
                }
                WriteLimited(row, x, r / sum, g / sum, b / sum, a / sum);
            }
        });
    }

    internal static void AdjustColors(byte[] target, int width, int height, ColorParams p)
    {
        var (grayR, grayG, grayB) = p.BlackWhite ? KernelMath.GrayWeights(p) : (0f, 0f, 0f);
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var alpha = row[i + 3];
                if (alpha == 0)
                    continue;
                var a = (float)alpha;
                float r = row[i] / a, g = row[i + 1] / a, b = row[i + 2] / a;
                r = Clamp01((r * p.MultiplyR - 0.5f) * p.Contrast + 0.5f + p.Brightness);
                g = Clamp01((g * p.MultiplyG - 0.5f) * p.Contrast + 0.5f + p.Brightness);
                b = Clamp01((b * p.MultiplyB - 0.5f) * p.Contrast + 0.5f + p.Brightness);
                if (p.Gamma != 1f)
                {
                    r = MathF.Pow(r, p.Gamma);
                    g = MathF.Pow(g, p.Gamma);
                    b = MathF.Pow(b, p.Gamma);
                }
                if (p.Saturation != 1f)
                {
                    var l = 0.2126f * r + 0.7152f * g + 0.0722f * b;
                    r = l + (r - l) * p.Saturation;
                    g = l + (g - l) * p.Saturation;
                    b = l + (b - l) * p.Saturation;
                }
                if (p.BlackWhite)
                {
                    var l = grayR * r + grayG * g + grayB * b;
                    r = l;
                    g = l;
                    b = l;
                }
                if (p.Invert)
                {
                    r = 1f - r;
                    g = 1f - g;
                    b = 1f - b;
                }
                row[i] = ToByte(Clamp01(r) * a);
                row[i + 1] = ToByte(Clamp01(g) * a);
                row[i + 2] = ToByte(Clamp01(b) * a);
            }
        });
    }

    internal static void ChromaKey(byte[] target, int width, int height, ChromaKeyParams p)
    {
        int kr = p.Color.R, kg = p.Color.G, kb = p.Color.B;
        var rgb = p.Distance == ChromaKeyDistance.Rgb;
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var alpha = row[i + 3];
                if (alpha == 0)
                    continue;
                var s = 255f / alpha;
                var dr = row[i] * s - kr;
                var dg = row[i + 1] * s - kg;
                var db = row[i + 2] * s - kb;
                float d;
                if (rgb)
                {
                    d = MathF.Sqrt(dr * dr + dg * dg + db * db);
                }
                else
                {
                    var cb = -0.1146f * dr - 0.3854f * dg + 0.5f * db;
                    var cr = 0.5f * dr - 0.4542f * dg - 0.0458f * db;
                    d = MathF.Sqrt(cb * cb + cr * cr);
                }
                var f = p.Softness > 0f ? Clamp01((d - p.Threshold) / p.Softness) : (d < p.Threshold ? 0f : 1f);
                row[i] = ToByte(row[i] * f);
                row[i + 1] = ToByte(row[i + 1] * f);
                row[i + 2] = ToByte(row[i + 2] * f);
                row[i + 3] = ToByte(alpha * f);
            }
        });
    }

    /// <summary>sc_blend: B(Cb, Cs) of a separable blend mode.</summary>
    internal static float Blend(BlendMode mode, float cb, float cs)
    {
        switch (mode)
        {
            case BlendMode.Add: return MathF.Min(cb + cs, 1f);
            case BlendMode.Multiply: return cb * cs;
            case BlendMode.Screen: return cb + cs - cb * cs;
            case BlendMode.Overlay:
            {
                if (cb <= 0.5f)
                    return 2f * cb * cs;
                var t = 2f * cb - 1f;
                return cs + t - cs * t;
            }
            case BlendMode.Darken: return MathF.Min(cb, cs);
            case BlendMode.Lighten: return MathF.Max(cb, cs);
            default: return cs;
        }
    }

    private static byte BlendChannel(BlendMode mode, byte s, byte sw, byte d, byte dw, float m, float sab, float ab, float keep)
    {
        var cs = sw == 0 ? 0f : Clamp01((float)s / sw);
        var cb = dw == 0 ? 0f : Clamp01((float)d / dw);
        return ToByte(s * m * (1f - ab) + sab * Blend(mode, cb, cs) + d * keep);
    }

    /// <summary>The twin of sc_composite_blend: <see cref="Composite"/> with a separable blend mode other than normal.</summary>
    internal static void CompositeBlend(byte[] canvas, int cw, int ch, byte[] layer, int lw, int lh, byte[]? mask, int x0, int y0, float opacity, BlendMode mode)
    {
        var xStart = Math.Max(0, x0);
        var xEnd = (int)Math.Min(cw, (long)x0 + lw);
        var yStart = Math.Max(0, y0);
        var yEnd = (int)Math.Min(ch, (long)y0 + lh);
        if (xStart >= xEnd || yStart >= yEnd || opacity <= 0f)
            return;

        ForRows(yEnd - yStart, xEnd - xStart, row =>
        {
            var y = yStart + row;
            var ly = y - y0;
            var dst = canvas.AsSpan((y * cw + xStart) * 4, (xEnd - xStart) * 4);
            var src = layer.AsSpan((ly * lw + xStart - x0) * 4, (xEnd - xStart) * 4);
            var msk = mask is null ? default : mask.AsSpan((ly * lw + xStart - x0) * 4, (xEnd - xStart) * 4);
            for (var i = 0; i < dst.Length; i += 4)
            {
                var m = opacity;
                if (mask is not null)
                    m *= Luminance(msk[i], msk[i + 1], msk[i + 2]) * (1f / 255f);
                var sa = src[i + 3] * m;
                var keep = 1f - sa * (1f / 255f);
                var ab = dst[i + 3] * (1f / 255f);
                var sab = sa * ab;
                byte sw = src[i + 3], dw = dst[i + 3];
                var r = BlendChannel(mode, src[i], sw, dst[i], dw, m, sab, ab, keep);
                var g = BlendChannel(mode, src[i + 1], sw, dst[i + 1], dw, m, sab, ab, keep);
                var b = BlendChannel(mode, src[i + 2], sw, dst[i + 2], dw, m, sab, ab, keep);
                dst[i + 3] = ToByte(sa + dw * keep);
                dst[i] = r;
                dst[i + 1] = g;
                dst[i + 2] = b;
            }
        });
    }

    /// <summary>
    /// The host side of a pixel effect (and the twin of the kernel PixelEffectKernel generates): straight RGBA in [0, 1] in,
    /// the user's function, clamp (NaN → 0), premultiply out.
    /// </summary>
    internal static void PixelEffect(byte[] target, int width, int height, PixelFunction function, float time)
    {
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var x = 0; x < width; x++)
            {
                var pixel = row.Slice(x * 4, 4);
                StorePremultiplied(pixel, function(StraightPixel(pixel), x, y, time));
            }
        });
    }
}
