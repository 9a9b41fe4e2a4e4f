namespace ScriptComposer.Gpu.Cpu;

/// <summary>The twins of lum_contrast.cu, painting.cu, min_max.cu and average.cu.</summary>
internal static partial class CpuKernels
{
    internal static void LumContrast(byte[] target, int width, int height, float lum, float contrast, float threshold)
    {
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var a = row[i + 3];
                if (a == 0)
                    continue;
                for (var c = 0; c < 3; c++)
                {
                    var v = row[i + c] * 255f / a;
                    var corrected = v + lum + contrast * (v - threshold);
                    var truncated = MathF.Floor(MathF.Min(MathF.Max(corrected, 0f), 255f));
                    row[i + c] = ToByte(truncated * a / 255f);
                }
            }
        });
    }

    internal static void MinMax(byte[] target, byte[] other, int width, int height, bool maximum)
    {
        ForRows(height, width, y =>
        {
            var t = target.AsSpan(y * width * 4, width * 4);
            var o = other.AsSpan(y * width * 4, width * 4);
            var i = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                for (; i <= t.Length - System.Numerics.Vector<byte>.Count; i += System.Numerics.Vector<byte>.Count)
                {
                    var a = new System.Numerics.Vector<byte>(t[i..]);
                    var b = new System.Numerics.Vector<byte>(o[i..]);
                    (maximum ? System.Numerics.Vector.Max(a, b) : System.Numerics.Vector.Min(a, b)).CopyTo(t[i..]);
                }
            }
            for (; i < t.Length; i++)
                t[i] = maximum ? Math.Max(t[i], o[i]) : Math.Min(t[i], o[i]);
        });
    }

    internal static void Average(byte[][] sources, byte[] target, int width, int height)
    {
        var count = sources.Length;
        ForRows(height, width * count, y =>
        {
            var start = y * width * 4;
            for (var i = start; i < start + width * 4; i++)
            {
                var sum = 0;
                foreach (var source in sources)
                    sum += source[i];
                target[i] = (byte)(sum / count);
            }
        });
    }

    /// <summary>sc_straight: the straight color byte of a premultiplied channel.</summary>
    private static int Straight(byte c, byte a) => a == 255 ? c : a == 0 ? 0 : ToByte(c * 255f / a);

    internal static void Painting(byte[] source, byte[] target, int width, int height, float saturation, float black)
    {
        // E and its luma for the whole picture first: each is needed by nine pixels.
        var enhanced = new int[width * height * 3];
        var luma = new int[width * height];
        ForRows(height, width * 9, y =>
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
                for (var c = 0; c < 3; c++)
                {
                    var v = Straight(source[i * 4 + c], source[i * 4 + 3]);
                    if (!border)
                    {
                        var sum = 0;
                        for (var dy = -1; dy <= 1; dy++)
                            for (var dx = -1; dx <= 1; dx++)
                                if (dx != 0 || dy != 0)
                                {
                                    var n = (y + dy) * width + x + dx;
                                    sum += Straight(source[n * 4 + c], source[n * 4 + 3]);
                                }
                        v = Math.Clamp(9 * v - sum, 0, 255);
                    }
                    enhanced[i * 3 + c] = v;
                }
                luma[i] = (enhanced[i * 3] * 19595 + enhanced[i * 3 + 1] * 38470 + enhanced[i * 3 + 2] * 7471 + 32768) >> 16;
            }
        });
        ForRows(height, width * 9, y =>
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var edge = luma[i];
                if (x > 0 && y > 0 && x < width - 1 && y < height - 1)
                {
                    var sum = 0;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                            if (dx != 0 || dy != 0)
                                sum += luma[(y + dy) * width + x + dx];
                    edge = Math.Clamp(8 * luma[i] - sum, 0, 255);
                }
                var darkening = black * (255f * edge);
                var a = source[i * 4 + 3];
                for (var c = 0; c < 3; c++)
                {
                    var v = MathF.Floor(MathF.Min(MathF.Max(saturation * enhanced[i * 3 + c] - darkening, 0f), 255f));
                    target[i * 4 + c] = a == 255 ? (byte)v : ToByte(v * a / 255f);
                }
                target[i * 4 + 3] = a;
            }
        });
    }
}
