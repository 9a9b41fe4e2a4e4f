// Composite: a premultiplied layer "over" the canvas at integer (x0, y0), scaled by opacity and by the
// luminance of an optional mask of the layer's size, clipped to the canvas. Twin: CpuKernels.Composite.
// The launch covers the clipped rectangle only: thread (0, 0) is canvas pixel (max(0, x0), max(0, y0)).
#include "common.cuh"
#include "blend.cuh"

extern "C" __global__ void sc_composite(
    uchar4* canvas, int cw, int ch,
    const uchar4* layer, int lw, int lh,
    const uchar4* mask,
    int x0, int y0, float opacity)
{
    const int xStart = sc_max(0, x0);
    const int yStart = sc_max(0, y0);
    const int xEnd = sc_min(cw, x0 + lw);
    const int yEnd = sc_min(ch, y0 + lh);
    const int x = xStart + sc_x();
    const int y = yStart + sc_y();
    if (x >= xEnd || y >= yEnd || opacity <= 0.0f)
        return;

    const int li = (y - y0) * lw + (x - x0);
    float m = opacity;
    if (mask)
    {
        const uchar4 k = mask[li];
        m *= sc_luminance(k.x, k.y, k.z) * (1.0f / 255.0f);
    }
    const uchar4 s = layer[li];
    const int ci = y * cw + x;
    const uchar4 d = canvas[ci];
    const float sa = s.w * m;
    const float keep = 1.0f - sa * (1.0f / 255.0f);
    canvas[ci] = make_uchar4(
        sc_to_u8(s.x * m + d.x * keep),
        sc_to_u8(s.y * m + d.y * keep),
        sc_to_u8(s.z * m + d.z * keep),
        sc_to_u8(sa + d.w * keep));
}

// Composite with a blend mode other than normal: as sc_composite, with the W3C separable blend. Twin: CpuKernels.CompositeBlend.
extern "C" __global__ void sc_composite_blend(
    uchar4* canvas, int cw, int ch,
    const uchar4* layer, int lw, int lh,
    const uchar4* mask,
    int x0, int y0, float opacity, int mode)
{
    const int xStart = sc_max(0, x0);
    const int yStart = sc_max(0, y0);
    const int xEnd = sc_min(cw, x0 + lw);
    const int yEnd = sc_min(ch, y0 + lh);
    const int x = xStart + sc_x();
    const int y = yStart + sc_y();
    if (x >= xEnd || y >= yEnd || opacity <= 0.0f)
        return;

    const int li = (y - y0) * lw + (x - x0);
    float m = opacity;
    if (mask)
    {
        const uchar4 k = mask[li];
        m *= sc_luminance(k.x, k.y, k.z) * (1.0f / 255.0f);
    }
    const uchar4 s = layer[li];
    const int ci = y * cw + x;
    const uchar4 d = canvas[ci];
    const float sa = s.w * m;
    const float keep = 1.0f - sa * (1.0f / 255.0f);
    const float ab = d.w * (1.0f / 255.0f);
    const float sab = sa * ab;
    canvas[ci] = make_uchar4(
        sc_blend_channel(mode, s.x, s.w, d.x, d.w, m, sab, ab, keep),
        sc_blend_channel(mode, s.y, s.w, d.y, d.w, m, sab, ab, keep),
        sc_blend_channel(mode, s.z, s.w, d.z, d.w, m, sab, ab, keep),
        sc_to_u8(sa + d.w * keep));
}
