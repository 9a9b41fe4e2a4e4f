namespace ScriptComposer.Gpu.Cuda;

/// <summary>YUV in and out: I420 frames uploaded to RGBA, RGBA converted to I420, I420 video frames mixed in I420.</summary>
public sealed unsafe partial class CudaBackend
{
    /// <remarks>
    /// The frame goes through the pinned staging buffer (an async copy) into the device buffer kept for I420 input, then one thread
    /// per 2×2 block converts it; both buffers only grow, so once warm a frame allocates nothing.
    /// </remarks>
    public void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range)
    {
        var image = Mine(target);
        var k = YuvConstants.For(matrix, range);
        KernelMath.CheckI420(i420.Length, image, nameof(i420));
        var layout = new Yuv420Layout(image.Width, image.Height);

        var input = Scratch(ref _i420Input, layout.TotalBytes);
        _runtime.CopyToDevice(i420, input);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        float yOffset = k.YOffset, yScale = k.YScale, cScale = k.CScale, rv = k.Rv, gu = k.Gu, gv = k.Gv, bu = k.Bu;
        var args = stackalloc void*[] { &input, &width, &height, &pixels, &yOffset, &yScale, &cScale, &rv, &gu, &gv, &bu };
        Launch(Function("sc_yuv420_to_rgba"), layout.ChromaWidth, layout.ChromaHeight, args, 11);
    }

    public void ConvertToYuv420(DeviceImage source, Span<byte> i420)
    {
        var image = Mine(source);
        var layout = KernelMath.CheckI420Output(image.Width, image.Height, i420.Length, nameof(i420));
        var output = Scratch(ref _i420Output, layout.TotalBytes);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height, &output };
        Launch(Function("sc_rgba_to_yuv420"), layout.ChromaWidth, layout.ChromaHeight, args, 4);
        CopyOut(output, i420[..layout.TotalBytes]);
    }

    public void MixI420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> i420)
    {
        var checks = CheckedYuv420Layer.CheckAll(layers, width, height, i420.Length, image => Mine(image));
        var layout = new Yuv420Layout(width, height);
        var output = Scratch(ref _i420Output, layout.TotalBytes);

        var (by, bu, bv) = CheckedYuv420Layer.Background(background);
        int w = width, h = height, y0 = by, u0 = bu, v0 = bv;
        var fillArgs = stackalloc void*[] { &output, &w, &h, &y0, &u0, &v0 };
        Launch(Function("sc_yuv420_fill"), layout.ChromaWidth, layout.ChromaHeight, fillArgs, 6);

        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var check = checks[i];
            if (!check.Visible)
                continue;
            if (layer.Overlay is { } picture)
            {
                // The picture's bounding blocks in the frame's chroma plane.
                int first = Math.Max(0, layer.X) / 2, firstRow = Math.Max(0, layer.Y) / 2;
                var across = Math.Min(layout.ChromaWidth, (layer.X + picture.Width + 1) / 2) - first;
                var down = Math.Min(layout.ChromaHeight, (layer.Y + picture.Height + 1) / 2) - firstRow;
                LaunchI420Overlay(Mine(picture), layer.X, layer.Y, check.Opacity, output, width, height, first, firstRow, across, down);
                continue;
            }
            // The visible part of the layer in the frame's chroma plane.
            int left = Math.Max(0, layer.X / 2), top = Math.Max(0, layer.Y / 2);
            var columns = Math.Min(layout.ChromaWidth, (layer.X + layer.Width) / 2) - left;
            var rows = Math.Min(layout.ChromaHeight, (layer.Y + layer.Height) / 2) - top;
            var input = I420LayerInput(i, layer.I420.Length);
            _runtime.CopyToDevice(layer.I420.Span, input);
            LaunchI420Layer(input, layer, check, output, width, height, left, top, columns, rows);
        }
        CopyOut(output, i420[..layout.TotalBytes]);
    }

    private void LaunchI420Overlay(CudaImage picture, int x, int y, float opacity, ulong output, int width, int height,
        int left, int top, int columns, int rows)
    {
        ulong pixels = picture.Pointer;
        int pw = picture.Width, ph = picture.Height;
        var args = stackalloc void*[] { &pixels, &pw, &ph, &x, &y, &output, &width, &height, &left, &top, &columns, &rows, &opacity };
        Launch(Function("sc_yuv420_overlay"), columns, rows, args, 13);
    }

    private void LaunchI420Layer(ulong input, in Yuv420Layer layer, in CheckedYuv420Layer check, ulong output, int width, int height,
        int left, int top, int columns, int rows)
    {
        int sw = layer.Width, sh = layer.Height, x = layer.X, y = layer.Y;
        float opacity = check.Opacity, inverse = check.Inverse, keep = check.Keep, fy = check.FadeY, fu = check.FadeU, fv = check.FadeV;
        var c = check.Conversion;
        float ky = c.LumaScale, iy = c.LumaOffset, a = c.LumaCb, b = c.LumaCr, uu = c.CbCb, uv = c.CbCr, vu = c.CrCb, vv = c.CrCr;
        var args = stackalloc void*[]
        {
            &input, &sw, &sh, &x, &y, &output, &width, &height, &left, &top, &columns, &rows, &opacity, &inverse, &keep, &fy, &fu, &fv,
            &ky, &iy, &a, &b, &uu, &uv, &vu, &vv,
        };
        Launch(Function("sc_yuv420_layer"), columns, rows, args, 26);
    }
}
