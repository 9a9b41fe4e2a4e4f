// Composite: a premultiplied layer "over" the canvas at integer (x0, y0), scaled by opacity and by the
// luminance of an optional mask of the layer's size, clipped to the canvas; sc_composite_blend with a W3C separable
// blend mode. Both are one step of the fused kernels (sc_layer in layers.cuh, without a fade), so a layer laid alone
// and a layer laid in a fused pass give the same bytes. Twins: CpuKernels.Composite and CpuKernels.CompositeBlend.
// The launch covers the clipped rectangle only: thread (0, 0) is canvas pixel (max(0, x0), max(0, y0)).
#include "layers.cuh"

__device__ __forceinline__ void sc_composite_pixel(
    uchar4* canvas, int cw, int ch,
    const uchar4* layer, int lw, int lh,
    const uchar4* mask,
    int x0, int y0, float opacity, int mode)
{
    const int x = sc_max(0, x0) + sc_x();
    const int y = sc_max(0, y0) + sc_y();
    if (x >= sc_min(cw, x0 + lw) || y >= sc_min(ch, y0 + lh) || opacity <= 0.0f)
        return;

    const int ci = y * cw + x;
    const uchar4 d = canvas[ci];
    float r = d.x, g = d.y, b = d.z, a = d.w;
    sc_layer(r, g, b, a, x, y, layer, lw, lh, x0, y0, opacity, mask, mode, 0, 1.0f, 0.0f, 0.0f, 0.0f);
    canvas[ci] = make_uchar4((unsigned char)r, (unsigned char)g, (unsigned char)b, (unsigned char)a);
}

extern "C" __global__ void sc_composite(
    uchar4* canvas, int cw, int ch,
    const uchar4* layer, int lw, int lh,
    const uchar4* mask,
    int x0, int y0, float opacity)
{
    sc_composite_pixel(canvas, cw, ch, layer, lw, lh, mask, x0, y0, opacity, 0);
}

extern "C" __global__ void sc_composite_blend(
    uchar4* canvas, int cw, int ch,
    const uchar4* layer, int lw, int lh,
    const uchar4* mask,
    int x0, int y0, float opacity, int mode)
{
    sc_composite_pixel(canvas, cw, ch, layer, lw, lh, mask, x0, y0, opacity, mode);
}
