namespace ScriptComposer.Gpu;

/// <summary>
/// Where pixels are computed. Every operation works on <see cref="DeviceImage"/>s allocated by the same backend,
/// in RGBA8 premultiplied alpha with float32 math. Host memory goes in through <see cref="Upload"/>, <see cref="UploadYuv420"/> and the
/// video frames of <see cref="MixI420Layers"/>, and comes out through <see cref="Download"/>, <see cref="ConvertToYuv420"/>,
/// <see cref="CompositeLayersToI420"/> and <see cref="MixI420Layers"/>; every other operation stays on the device (on the CUDA backend a
/// fused composite also uploads its small table of per-layer values, and a pixel effect without a CUDA body runs on the host, one
/// download and one upload). Both backends produce the same pixels within ±1.
/// </summary>
public interface IComputeBackend : IDisposable
{
    /// <summary>"cpu" or "cuda".</summary>
    string Name { get; }

    /// <summary>What runs the kernels, for humans: a CPU model and core count, or a GPU name.</summary>
    string Device { get; }

    /// <summary>An image whose contents are undefined until written.</summary>
    DeviceImage Allocate(int width, int height);

    /// <summary>Copies RGBA8 premultiplied pixels (row-major, no padding) from the host into <paramref name="target"/>.</summary>
    void Upload(ReadOnlySpan<byte> rgba, DeviceImage target);

    /// <summary>
    /// Uploads one I420 frame (Y w×h, then U and V ⌈w/2⌉×⌈h/2⌉) and converts it to opaque RGBA8 in target (same size).
    /// Decoded video crosses the bus as 1.5 bytes per pixel instead of 4, and the decoder does no RGB conversion.
    /// Chroma is shared per 2×2 block (nearest, as swscale's fast path): pixel (x, y) uses U and V at (x/2, y/2). In float32:
    /// <list type="bullet">
    /// <item><see cref="YuvRange.Limited"/>: Y' = (Y − 16)·(255/219), Cb' = (U − 128)·(255/224), Cr' = (V − 128)·(255/224);
    /// <see cref="YuvRange.Full"/>: Y' = (Y − 0)·1, Cb' = (U − 128)·1, Cr' = (V − 128)·1 (the same formula with offset 0, scales 1).</item>
    /// <item>R = Y' + a·Cr', G = Y' − (b·Cb' + c·Cr'), B = Y' + d·Cb', each rounded half up and clamped to [0, 255]; alpha 255.
    /// The constants of <paramref name="matrix"/>: BT.601 a = 1.402, b = 0.344136, c = 0.714136, d = 1.772; BT.709 a = 1.5748,
    /// b = 0.187324, c = 0.468124, d = 1.8556.</item>
    /// </list>
    /// The block's three chroma terms are computed once and shared by its pixels, in that order, on every backend (the same bytes).
    /// With BT.709 limited this inverts <see cref="ConvertToYuv420"/> to within ±3 per channel on images whose 2×2 blocks are uniform.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="i420"/> is not exactly <see cref="Yuv420Layout.TotalBytes"/> long for the target's size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="matrix"/> or <paramref name="range"/> is not a defined value.</exception>
    void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range);

    /// <summary>Copies the pixels of <paramref name="source"/> to the host (row-major, no padding).</summary>
    void Download(DeviceImage source, Span<byte> rgba);

    /// <summary>Sets every pixel to <paramref name="color"/> (straight alpha, stored premultiplied).</summary>
    void Fill(DeviceImage target, Rgba color);

    /// <summary>
    /// Lays <paramref name="layer"/> over <paramref name="canvas"/>, clipped to the canvas. Per pixel, on 0..255 values,
    /// m = opacity·(mask luminance / 255 when there is a mask), the layer's premultiplied s scaled by m gives
    /// sa = s.a·m, αs = sa/255, αb = d.a/255, and:
    /// <list type="bullet">
    /// <item><see cref="BlendMode.Normal"/> ("over"): out.c = s.c·m + d.c·(1 − αs).</item>
    /// <item>Other modes (W3C: Cs' = (1 − αb)·Cs + αb·B(Cb, Cs), then "over"), with straight Cs = s.c/s.a and
    /// Cb = d.c/d.a in [0, 1] (0 where alpha is 0): out.c = s.c·m·(1 − αb) + sa·αb·B(Cb, Cs) + d.c·(1 − αs).</item>
    /// </list>
    /// In every mode out.a = sa + d.a·(1 − αs); each result rounds half up and clamps to [0, 255].
    /// </summary>
    void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters);

    /// <summary>
    /// Fills <paramref name="canvas"/> with <paramref name="background"/> (as <see cref="Fill"/>) and lays every layer over it in order,
    /// computing each output pixel once. Each layer means exactly <c>Fade(copy of layer, FadeColor, FadeAmount)</c> then
    /// <c>Composite(canvas, faded, new CompositeParams(X, Y, Opacity, Mask, Mode))</c> (see <see cref="LayerDraw"/>), and the result
    /// is the same bytes as that unfused sequence: every intermediate is rounded to 0..255 exactly where the unfused path stores it.
    /// A layer or mask may not be the canvas itself.
    /// </summary>
    void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers);

    /// <summary>
    /// <see cref="CompositeLayers"/> on a <paramref name="width"/>×<paramref name="height"/> canvas, written straight out as I420
    /// (BT.709 limited, the math of <see cref="ConvertToYuv420"/>) to the host without an RGBA canvas in memory: the same bytes as
    /// <c>CompositeLayers</c> then <c>ConvertToYuv420</c>. <paramref name="i420"/> holds at least <see cref="Yuv420Layout.TotalBytes"/>.
    /// (RGBA layers in, I420 out; for I420 video frames mixed in I420, see <see cref="MixI420Layers"/>.)
    /// </summary>
    void CompositeLayersToI420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> i420);

    /// <summary>
    /// Lays opaque I420 pictures (decoded video) straight into an I420 frame of <paramref name="width"/>×<paramref name="height"/> (both even),
    /// with no RGBA in between: the frame is <paramref name="background"/> (the bytes <see cref="ConvertToYuv420"/> gives for a canvas
    /// filled with it), then each layer in order, per plane and per sample, clipped to the frame: s, the sample brought to BT.709 limited
    /// range from the layer's matrix and range (see <see cref="Yuv420Layer"/>; the identity for BT.709 limited), then
    /// s' = round(s·(1 − f) + c·f) with c the fade color's Y, U or V (BT.709 limited, unrounded) and f the fade amount, then
    /// d = round(s'·o + d·(1 − o)) with o the opacity; rounding is add 0.5 and truncate, each product and sum in float32 in that order.
    /// A BT.709 limited layer with opacity 1 and no fade is copied exactly. Converting and blending in Y'CbCr are linear, so this is the
    /// picture <see cref="CompositeLayersToI420"/> makes of the same layers uploaded with <see cref="UploadYuv420"/>, without its round
    /// trip through RGB (within its rounding, for colors inside RGB). (I420 video frames in, I420 out; for RGBA layers composited
    /// to I420, see <see cref="CompositeLayersToI420"/>.)
    /// </summary>
    /// <exception cref="ArgumentException">An odd frame size, layer size or position; a layer's frame of the wrong length; a short buffer.</exception>
    void MixI420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> i420);

    /// <summary>Moves every pixel's color toward <paramref name="color"/> by <paramref name="amount"/> (0: unchanged, 1: the color), keeping alpha.</summary>
    void Fade(DeviceImage target, Rgba color, float amount);

    /// <summary>Writes a two-color gradient over the whole image.</summary>
    void Gradient(DeviceImage target, in GradientParams parameters);

    /// <summary>Converts straight-alpha pixels in place to premultiplied alpha.</summary>
    void Premultiply(DeviceImage target);

    /// <summary>Converts premultiplied pixels in place to straight alpha.</summary>
    void Unpremultiply(DeviceImage target);

    /// <summary>Bilinear resampling of the whole of <paramref name="source"/> onto the whole of <paramref name="target"/>.</summary>
    void Resize(DeviceImage source, DeviceImage target);

    /// <summary>
    /// Resamples the whole of <paramref name="source"/> onto the whole of <paramref name="target"/> with <paramref name="filter"/>
    /// (<see cref="ResizeFilter.Bilinear"/> is <see cref="Resize(DeviceImage, DeviceImage)"/>). Bicubic and Lanczos-3 are
    /// separable, two passes (horizontal into a temporary tw×sh image, rounded to bytes, then vertical; a pass whose size does
    /// not change is skipped when the other one does). Per output pixel x of a pass: scale = sw/tw, center c = (x + 0.5)·scale − 0.5,
    /// widening f = max(1, scale), support s = R·f (R = 2 bicubic, 3 Lanczos), taps j = ⌊c − s⌋ + 1 … ⌊c + s⌋ with weight
    /// k((j − c)/f), sampled clamp-to-edge; out = Σ k·p / Σ k, rounded and clamped to [0, 255], then each color channel
    /// limited to alpha (premultiplied stays valid). k: Catmull-Rom (a = −0.5) or 3·sin(πx)·sin(πx/3)/(πx)².
    /// </summary>
    void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (same size, another image) flipped left to right: target(x, y) = source(w − 1 − x, y).</summary>
    void MirrorX(DeviceImage source, DeviceImage target);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (same size, another image) flipped top to bottom: target(x, y) = source(x, h − 1 − y).</summary>
    void MirrorY(DeviceImage source, DeviceImage target);

    /// <summary>
    /// Rotates <paramref name="source"/> by <paramref name="degrees"/> counter-clockwise (as moviepy) into <paramref name="target"/>
    /// of any size (the caller computes the expanded bounding box when it wants one), the centers of the two images aligned.
    /// For target pixel center p = (x + 0.5 − tw/2, y + 0.5 − th/2): u = cos θ·p.x − sin θ·p.y + sw/2 − 0.5,
    /// v = sin θ·p.x + cos θ·p.y + sh/2 − 0.5 (source pixel-index space); bilinear between the four pixels around (u, v), where
    /// pixels outside the source are <paramref name="background"/> (straight, premultiplied as by Fill). cos θ and sin θ are
    /// exact (0, ±1) at multiples of 90°, so those rotations (into the swapped or same size) are lossless.
    /// </summary>
    void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background);

    /// <summary>Adjusts colors in place on straight color, keeping alpha; the exact steps are in <see cref="ColorParams"/>.</summary>
    void AdjustColors(DeviceImage target, in ColorParams parameters);

    /// <summary>
    /// Gaussian blur of <paramref name="source"/> into <paramref name="target"/> (same size; may be the same image), on premultiplied
    /// values, separable: a horizontal pass into a temporary image (rounded to bytes), then a vertical pass. Radius r = ⌈3σ⌉,
    /// weights w(i) = exp(−i²/(2σ²)) for i in −r…r (w(0) = 1), normalized by their sum, sampled clamp-to-edge.
    /// σ ≤ 0 copies.
    /// </summary>
    void GaussianBlur(DeviceImage source, DeviceImage target, float sigma);

    /// <summary>Makes pixels near a key color transparent, in place; the exact math is in <see cref="ChromaKeyParams"/>.</summary>
    void ChromaKey(DeviceImage target, in ChromaKeyParams parameters);

    /// <summary>
    /// moviepy's <c>lum_contrast</c>, in place, clamped once: on straight color v (0..255, v = c·255/a), then
    /// ⌊clamp(v + <paramref name="lum"/> + <paramref name="contrast"/>·(v − <paramref name="threshold"/>), 0, 255)⌋,
    /// premultiplied again (round(u·a/255)); alpha kept, fully transparent pixels untouched.
    /// </summary>
    void LumContrast(DeviceImage target, float lum, float contrast, float threshold);

    /// <summary>
    /// moviepy 2's <c>painting</c> from <paramref name="source"/> into <paramref name="target"/> (same size, another image), with
    /// Pillow's integer steps on straight color: E = 9·p − Σ8 neighbours (clamped), L = (19595·R + 38470·G + 7471·B + 32768) ≫ 16 of E,
    /// D = 8·L − Σ8 neighbours' L (clamped), both 3×3 filters leaving the outermost rows and columns as they are; then per channel
    /// ⌊clamp(<paramref name="saturation"/>·E − <paramref name="black"/>·(255·D), 0, 255)⌋, premultiplied with the pixel's alpha.
    /// </summary>
    void Painting(DeviceImage source, DeviceImage target, float saturation, float black);

    /// <summary>
    /// moviepy's <c>mask_and</c> (<paramref name="maximum"/> false) or <c>mask_or</c>: every premultiplied channel of
    /// <paramref name="target"/>, alpha included, becomes the minimum (maximum) of itself and <paramref name="other"/>'s (same size).
    /// </summary>
    void MinMax(DeviceImage target, DeviceImage other, bool maximum);

    /// <summary>
    /// moviepy's <c>supersample</c>: <paramref name="target"/> = ⌊Σ sources / n⌋ per premultiplied channel, for 1 to 256 sources
    /// of the target's size (the target may not be one of them).
    /// </summary>
    void Average(IReadOnlyList<DeviceImage> sources, DeviceImage target);

    /// <summary>
    /// Runs a user's per-pixel function in place at time <paramref name="time"/>: each pixel is unpremultiplied to straight
    /// RGBA in [0, 1] (color c = p/a, 0 where a = 0; alpha a/255), given to the function with its (x, y), the result clamped
    /// to [0, 1] (NaN → 0) and premultiplied again: α = A·255, byte = round(C·α), alpha byte = round(α).
    /// The CUDA backend compiles <see cref="PixelEffect.Cuda"/> (falling back to <see cref="PixelEffect.Cpu"/> on the host when
    /// the effect has no CUDA body); the CPU backend calls <see cref="PixelEffect.Cpu"/>.
    /// </summary>
    /// <exception cref="PixelEffectException">The effect has no version for this backend, or its CUDA body does not compile (with NVRTC's log).</exception>
    void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time);

    /// <summary>
    /// One frame of a transition from <paramref name="from"/> to <paramref name="to"/> into <paramref name="target"/> (all three the same
    /// size; the target another image). Every channel, alpha included, of the premultiplied pixels follows the same rule: a mix
    /// round(a·m + b·(1 − m)), or a copy of one picture's pixel, per <see cref="TransitionParams.Kind"/> (the formulas are in
    /// <c>Kernels/transition.cu</c>; those named after ffmpeg's <c>xfade</c> transitions follow it, with rounding for its truncation).
    /// </summary>
    void Transition(DeviceImage from, DeviceImage to, DeviceImage target, in TransitionParams parameters);

    /// <summary>
    /// A user's transition at <paramref name="progress"/>: both pictures unpremultiplied to straight RGBA in [0, 1] (as
    /// <see cref="ApplyPixelEffect"/>), given to the function with the pixel's (x, y), the result clamped and premultiplied into
    /// <paramref name="target"/>. The CUDA backend compiles <see cref="TransitionEffect.Cuda"/> (falling back to the C# function on the
    /// host when there is no CUDA body); the CPU backend calls <see cref="TransitionEffect.Cpu"/>.
    /// </summary>
    /// <exception cref="PixelEffectException">The transition has no version for this backend, or its CUDA body does not compile.</exception>
    void ApplyTransitionEffect(DeviceImage from, DeviceImage to, DeviceImage target, TransitionEffect effect, float progress);

    /// <summary>
    /// Converts to planar YUV 4:2:0 (I420, BT.709, limited range) and copies it to the host: Y is width×height,
    /// U and V are ⌈width/2⌉×⌈height/2⌉ each, chroma from the average of each 2×2 block. Color is taken as composited over black.
    /// </summary>
    void ConvertToYuv420(DeviceImage source, Span<byte> i420);

    /// <summary>
    /// Gets ready for fused composites of these shapes (one list per composite, as <see cref="LayerShape.Of"/> derives them for
    /// <see cref="CompositeLayers"/> and <see cref="CompositeLayersToI420"/>), so that no frame waits for them: the CUDA backend compiles
    /// (or loads from its disk cache) the kernel of each shape now, several at once. A backend with nothing to prepare does nothing.
    /// </summary>
    void Prepare(IEnumerable<IReadOnlyList<LayerShape>> shapes)
    {
    }

    /// <summary>Waits until every queued operation has finished.</summary>
    void Synchronize();

    /// <summary>
    /// Host memory of <paramref name="bytes"/> bytes for frames leaving the device, lent until <see cref="ReturnHostFrame"/>. Written by
    /// <see cref="Download"/>, <see cref="ConvertToYuv420"/>, <see cref="CompositeLayersToI420"/> or <see cref="MixI420Layers"/>, a rented frame
    /// may be whole only later: it is read after a <see cref="Fence"/> taken after the write has been waited for. On the CUDA backend it is
    /// page-locked and the copy into it is queued behind the frame's kernels, so the caller draws the next frame while this one crosses the
    /// bus; a backend that finishes every call before it returns lends plain memory. Any other memory is whole when the call returns.
    /// A backend that wraps another forwards this, <see cref="ReturnHostFrame"/> and <see cref="Fence"/> together, or none of them.
    /// </summary>
    Memory<byte> RentHostFrame(int bytes) => GC.AllocateUninitializedArray<byte>(bytes);

    /// <summary>Gives back a frame from <see cref="RentHostFrame"/> once nothing reads it and no write into it is pending (after its fence).</summary>
    void ReturnHostFrame(Memory<byte> frame)
    {
    }

    /// <summary>A point after every operation queued so far; its <see cref="DeviceFence.Wait"/> returns when they have finished.</summary>
    DeviceFence Fence() => DeviceFence.Completed;
}
