using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// <see cref="IComputeBackend.UploadYuv420"/>: agreement with the CPU twin on random frames (every matrix and range, odd sizes),
/// hand-computed pixels, the round trip through <see cref="IComputeBackend.ConvertToYuv420"/>, and its argument errors.
/// </summary>
public abstract partial class BackendSuite
{
    public static TheoryData<int, int, YuvMatrix, YuvRange> YuvCases()
    {
        var data = new TheoryData<int, int, YuvMatrix, YuvRange>();
        foreach (var matrix in Enum.GetValues<YuvMatrix>())
            foreach (var range in Enum.GetValues<YuvRange>())
                data.Add(37, 29, matrix, range);
        data.Add(64, 36, YuvMatrix.Bt709, YuvRange.Limited);
        data.Add(1, 1, YuvMatrix.Bt709, YuvRange.Limited);
        data.Add(3, 1, YuvMatrix.Bt601, YuvRange.Full);
        data.Add(1, 5, YuvMatrix.Bt601, YuvRange.Limited);
        data.Add(50, 3, YuvMatrix.Bt709, YuvRange.Full);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(YuvCases))]
    public void Upload_yuv_420_agrees_with_cpu(int width, int height, YuvMatrix matrix, YuvRange range)
    {
        // Every byte value, in and out of the legal range, so the clamps are exercised too.
        var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
        _random.NextBytes(i420);
        AgreesWithCpu($"UploadYuv420 of {width}x{height}, {matrix}, {range}", [(width, height, null)],
            (b, i) => b.UploadYuv420(i420, i[0], matrix, range));
    }

    [SkippableFact]
    public void Upload_yuv_420_several_frames_in_a_row_each_lands_in_its_image()
    {
        // The device input buffer is reused: a frame must not be overwritten by the next one's copy before it is converted.
        const int w = 21, h = 13;
        var layout = new Yuv420Layout(w, h);
        var frames = Enumerable.Range(0, 3).Select(_ => { var f = new byte[layout.TotalBytes]; _random.NextBytes(f); return f; }).ToArray();
        using var reference = new Gpu.Cpu.CpuBackend();
        var images = frames.Select(_ => Backend.Allocate(w, h)).ToArray();
        try
        {
            for (var i = 0; i < frames.Length; i++)
                Backend.UploadYuv420(frames[i], images[i], YuvMatrix.Bt709, YuvRange.Limited);
            for (var i = 0; i < frames.Length; i++)
            {
                using var expected = reference.Allocate(w, h);
                reference.UploadYuv420(frames[i], expected, YuvMatrix.Bt709, YuvRange.Limited);
                PixelAssert.Equal(Read(reference, expected), Read(Backend, images[i]), w, h, 1, $"frame {i} of 3 on {Backend.Name}, seed {Seed}");
            }
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
    }

    /// <summary>A frame whose every Y, U and V is the given value.</summary>
    private static byte[] FlatI420(int width, int height, byte y, byte u, byte v)
    {
        var layout = new Yuv420Layout(width, height);
        var i420 = new byte[layout.TotalBytes];
        i420.AsSpan(0, layout.LumaBytes).Fill(y);
        i420.AsSpan(layout.LumaBytes, layout.ChromaBytes).Fill(u);
        i420.AsSpan(layout.LumaBytes + layout.ChromaBytes).Fill(v);
        return i420;
    }

    private byte[] FromYuv(int width, int height, byte[] i420, YuvMatrix matrix, YuvRange range) =>
        RunOnBackend([(width, height, null)], (b, i) => b.UploadYuv420(i420, i[0], matrix, range));

    [SkippableTheory]
    [InlineData(YuvMatrix.Bt601)]
    [InlineData(YuvMatrix.Bt709)]
    public void Upload_yuv_420_limited_black_and_white(YuvMatrix matrix)
    {
        // Y' = (16 − 16)·255/219 = 0 and (235 − 16)·255/219 = 255; no chroma.
        AllPixelsAre(FromYuv(5, 3, FlatI420(5, 3, 16, 128, 128), matrix, YuvRange.Limited), 5, 3, 0, 0, 0, 255, $"Y 16 (limited {matrix})");
        AllPixelsAre(FromYuv(5, 3, FlatI420(5, 3, 235, 128, 128), matrix, YuvRange.Limited), 5, 3, 255, 255, 255, 255, $"Y 235 (limited {matrix})");
        // Outside the legal range clamps: Y 0 → −18.6 → 0, Y 255 → 278.3 → 255.
        AllPixelsAre(FromYuv(5, 3, FlatI420(5, 3, 0, 128, 128), matrix, YuvRange.Limited), 5, 3, 0, 0, 0, 255, $"Y 0 (limited {matrix})");
        AllPixelsAre(FromYuv(5, 3, FlatI420(5, 3, 255, 128, 128), matrix, YuvRange.Limited), 5, 3, 255, 255, 255, 255, $"Y 255 (limited {matrix})");
    }

    [SkippableFact]
    public void Upload_yuv_420_bt_709_limited_red()
    {
        // Y' = 47·255/219 = 54.726, Cb' = −26·255/224 = −29.598, Cr' = 112·255/224 = 127.5:
        // R = 54.726 + 1.5748·127.5 = 255.5 → 255; G = 54.726 − (0.187324·−29.598 + 0.468124·127.5) = 0.584 → 1; B = 54.726 − 1.8556·29.598 = −0.196 → 0.
        var pixels = FromYuv(4, 4, FlatI420(4, 4, 63, 102, 240), YuvMatrix.Bt709, YuvRange.Limited);
        AllPixelsAre(pixels, 4, 4, 255, 1, 0, 255, "BT.709 limited (63, 102, 240)");
        var (r, g, b) = (pixels[0], pixels[1], pixels[2]);
        Assert.True(r >= 253 && g <= 2 && b <= 2, $"BT.709 limited red is ({r}, {g}, {b}), not within ±2 of (255, 0, 0)");
    }

    [SkippableFact]
    public void Upload_yuv_420_bt_601_limited_red()
    {
        // The BT.601 studio-range red (81, 90, 240): Y' = 65·255/219 = 75.685, Cb' = −38·255/224 = −43.259, Cr' = 127.5:
        // R = 75.685 + 1.402·127.5 = 254.44 → 254; G = 75.685 − (0.344136·−43.259 + 0.714136·127.5) = −0.48 → 0; B = 75.685 − 1.772·43.259 = −0.97 → 0.
        AllPixelsAre(FromYuv(3, 2, FlatI420(3, 2, 81, 90, 240), YuvMatrix.Bt601, YuvRange.Limited), 3, 2, 254, 0, 0, 255, "BT.601 limited (81, 90, 240)");
    }

    [SkippableFact]
    public void Upload_yuv_420_full_range()
    {
        // Y' = 100, Cb' = 22, Cr' = −38.
        // BT.709: R = 100 − 1.5748·38 = 40.16 → 40; G = 100 − (0.187324·22 − 0.468124·38) = 113.67 → 114; B = 100 + 1.8556·22 = 140.82 → 141.
        AllPixelsAre(FromYuv(4, 2, FlatI420(4, 2, 100, 150, 90), YuvMatrix.Bt709, YuvRange.Full), 4, 2, 40, 114, 141, 255, "BT.709 full (100, 150, 90)");
        // BT.601: R = 100 − 1.402·38 = 46.72 → 47; G = 100 − (0.344136·22 − 0.714136·38) = 119.57 → 120; B = 100 + 1.772·22 = 138.98 → 139.
        AllPixelsAre(FromYuv(4, 2, FlatI420(4, 2, 100, 150, 90), YuvMatrix.Bt601, YuvRange.Full), 4, 2, 47, 120, 139, 255, "BT.601 full (100, 150, 90)");
        // Full range keeps the extremes: Y 0 and 255 without chroma are black and white.
        AllPixelsAre(FromYuv(3, 3, FlatI420(3, 3, 0, 128, 128), YuvMatrix.Bt709, YuvRange.Full), 3, 3, 0, 0, 0, 255, "full Y 0");
        AllPixelsAre(FromYuv(3, 3, FlatI420(3, 3, 255, 128, 128), YuvMatrix.Bt709, YuvRange.Full), 3, 3, 255, 255, 255, 255, "full Y 255");
    }

    [SkippableFact]
    public void Upload_yuv_420_odd_size_each_pixel_uses_its_blocks_chroma()
    {
        // 3x3: chroma 2x2, the right column and bottom row are half blocks. Y 100 everywhere, V 128, U = 128 + k per block,
        // k = 0, 10, 20, 30 (BT.601 full): R 100; G = 100 − 0.344136·k → 100, 96.56 → 97, 93.12 → 93, 89.68 → 90;
        // B = 100 + 1.772·k → 100, 117.72 → 118, 135.44 → 135, 153.16 → 153.
        var i420 = FlatI420(3, 3, 100, 128, 128);
        var layout = new Yuv420Layout(3, 3);
        for (var block = 0; block < 4; block++)
            i420[layout.LumaBytes + block] = (byte)(128 + 10 * block);
        var pixels = FromYuv(3, 3, i420, YuvMatrix.Bt601, YuvRange.Full);
        var expected = new (byte G, byte B)[] { (100, 100), (97, 118), (93, 135), (90, 153) };
        for (var y = 0; y < 3; y++)
            for (var x = 0; x < 3; x++)
            {
                var (g, b) = expected[y / 2 * 2 + x / 2];
                PixelIs(pixels, 3, x, y, 100, g, b, 255, $"3x3 pixel in chroma block ({x / 2}, {y / 2})");
            }
    }

    [SkippableTheory]
    [InlineData(64, 36)]
    [InlineData(37, 29)]
    public void Upload_yuv_420_inverts_convert_to_yuv_420_bt_709_limited(int width, int height)
    {
        // Opaque pixels, constant over each 2x2 block (clipped at odd edges), so 4:2:0 loses nothing but rounding.
        var original = new byte[width * height * 4];
        for (var by = 0; by < (height + 1) / 2; by++)
            for (var bx = 0; bx < (width + 1) / 2; bx++)
            {
                var (r, g, b) = ((byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256));
                for (var y = by * 2; y < Math.Min(by * 2 + 2, height); y++)
                    for (var x = bx * 2; x < Math.Min(bx * 2 + 2, width); x++)
                    {
                        var i = (y * width + x) * 4;
                        (original[i], original[i + 1], original[i + 2], original[i + 3]) = (r, g, b, 255);
                    }
            }
        var yuv = new byte[new Yuv420Layout(width, height).TotalBytes];
        using (var source = Backend.Allocate(width, height))
        {
            Backend.Upload(original, source);
            Backend.ConvertToYuv420(source, yuv);
        }
        var back = FromYuv(width, height, yuv, YuvMatrix.Bt709, YuvRange.Limited);
        PixelAssert.Equal(original, back, width, height, 3, $"RGBA → ConvertToYuv420 → UploadYuv420 (BT.709 limited) on {Backend.Name}, seed {Seed}");
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1)]
    public void Upload_yuv_420_of_the_wrong_length_names_the_expected_size(int delta)
    {
        using var image = Backend.Allocate(5, 3);
        // Y 15, U and V 3x2 = 6 each: 27 bytes.
        var length = (delta == 0 ? 5 * 3 * 4 : 27 + delta);
        var error = Assert.Throws<ArgumentException>(() => Backend.UploadYuv420(new byte[length], image, YuvMatrix.Bt709, YuvRange.Limited));
        Assert.Equal("i420", error.ParamName);
        Assert.Contains("5x3", error.Message, StringComparison.Ordinal);
        Assert.Contains("is 27 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"has {length}", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Upload_yuv_420_undefined_matrix_or_range_and_a_foreign_image_are_rejected()
    {
        using var image = Backend.Allocate(2, 2);
        var i420 = new byte[new Yuv420Layout(2, 2).TotalBytes];
        Assert.Equal("matrix", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.UploadYuv420(i420, image, (YuvMatrix)7, YuvRange.Limited)).ParamName);
        Assert.Equal("range", Assert.Throws<ArgumentOutOfRangeException>(() => Backend.UploadYuv420(i420, image, YuvMatrix.Bt709, (YuvRange)7)).ParamName);
        using var other = new Gpu.Cpu.CpuBackend();
        using var foreign = other.Allocate(2, 2);
        Assert.Throws<ArgumentException>(() => Backend.UploadYuv420(i420, foreign, YuvMatrix.Bt709, YuvRange.Limited));
    }
}
