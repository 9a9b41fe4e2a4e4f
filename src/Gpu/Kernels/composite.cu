// Composite: a premultiplied layer "over" the canvas at integer (x0, y0), scaled by opacity and by the
// luminance of an optional mask of the layer's size, clipped to the canvas. Twin: CpuKernels.Composite.
// The launch covers the clipped rectangle only: thread (0, 0) is canvas pixel (max(0, x0), max(0, y0)).
#include "common.cuh"

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

// B(Cb, Cs) of a separable blend mode (BlendMode: 1 add, 2 multiply, 3 screen, 4 overlay, 5 darken, 6 lighten) on
// straight colors in [0, 1]. Twin: CpuKernels.Blend.
__device__ __forceinline__ float sc_blend(int mode, float cb, float cs)
{
    switch (mode)
    {
    case 1: return fminf(cb + cs, 1.0f);
    case 2: return cb * cs;
    case 3: return cb + cs - cb * cs;
    case 4:
    {
        if (cb <= 0.5f)
            return 2.0f * cb * cs;
        const float t = 2.0f * cb - 1.0f;
        return cs + t - cs * t;
    }
    case 5: return fminf(cb, cs);
    case 6: return fmaxf(cb, cs);
    default: return cs;
    }
}

// One channel of a blended composite: s.c·m·(1 − αb) + sa·αb·B(Cb, Cs) + d.c·(1 − αs) (see IComputeBackend.Composite).
__device__ __forceinline__ unsigned char sc_blend_channel(int mode, unsigned char s, unsigned char sw, unsigned char d, unsigned char dw, float m, float sab, float ab, float keep)
{
    const float cs = sw == 0 ? 0.0f : sc_clamp01((float)s / (float)sw);
    const float cb = dw == 0 ? 0.0f : sc_clamp01((float)d / (float)dw);
    return sc_to_u8(s * m * (1.0f - ab) + sab * sc_blend(mode, cb, cs) + d * keep);
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
