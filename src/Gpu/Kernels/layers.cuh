// The per-layer step and the I420 writer of the fused composite kernels that Cuda/LayerKernel.cs generates from a plan's
// shape: one sc_layer call per layer (a loop over a run of layers of one shape), its shape (mask or not, blend mode, fade or not)
// given as constants that the compiler folds, its values (image, position, size, opacity, fade) read from an array of
// sc_layer_values in device memory that the backend uploads per frame, so the kernel's parameters stay a few bytes however many
// layers there are (NVRTC up to 12.0 caps them at 4 KB). The canvas pixel stays in four floats holding integers
// 0..255 from the background to the last layer; every step rounds exactly where the unfused path (fade.cu on a copy of the
// layer, then composite.cu) stores a byte, so the fused result is the unfused bytes. Twin: CpuKernels.Fused.cs.
#ifndef SC_LAYERS_CUH
#define SC_LAYERS_CUH
#include "common.cuh"
#include "blend.cuh"

// sc_to_u8 kept as a float (an integer 0..255) — CpuKernels.RoundF.
__device__ __forceinline__ float sc_round(float value)
{
    return (float)sc_to_u8(value);
}

// Lays one layer over the canvas pixel (r, g, b, a) at (x, y): the layer's pixel faded (rgb = round(rgb·fk + f·a), fk = 1 − amount,
// f = color·amount/255: fade.cu), scaled by opacity and mask luminance, blended by mode and laid "over" (composite.cu).
__device__ __forceinline__ void sc_layer(
    float& r, float& g, float& b, float& a, int x, int y,
    const uchar4* layer, int lw, int lh, int lx, int ly, float opacity,
    const uchar4* mask, int mode, int fade, float fk, float fr, float fg, float fb)
{
    const long long u = (long long)x - lx;
    const long long v = (long long)y - ly;
    if (u < 0 || u >= lw || v < 0 || v >= lh)
        return;
    const int li = (int)v * lw + (int)u;
    const uchar4 s = layer[li];
    float sr = s.x, sg = s.y, sb = s.z;
    const float sw = s.w;
    if (fade)
    {
        sr = sc_round(sr * fk + fr * sw);
        sg = sc_round(sg * fk + fg * sw);
        sb = sc_round(sb * fk + fb * sw);
    }
    float m = opacity;
    if (mask)
    {
        const uchar4 k = mask[li];
        m *= sc_luminance(k.x, k.y, k.z) * (1.0f / 255.0f);
    }
    const float sa = sw * m;
    const float keep = 1.0f - sa * (1.0f / 255.0f);
    if (mode == 0)
    {
        r = sc_round(sr * m + r * keep);
        g = sc_round(sg * m + g * keep);
        b = sc_round(sb * m + b * keep);
    }
    else
    {
        const float ab = a * (1.0f / 255.0f);
        const float sab = sa * ab;
        r = sc_blend_channel_f(mode, sr, sw, r, a, m, sab, ab, keep);
        g = sc_blend_channel_f(mode, sg, sw, g, a, m, sab, ab, keep);
        b = sc_blend_channel_f(mode, sb, sw, b, a, m, sab, ab, keep);
    }
    a = sc_round(sa + a * keep);
}

// One layer's values in a fused composite, as the backend uploads them per frame: an array with one entry per layer of the shape.
// Twin: Cuda/LayerValues.cs (the same 56 bytes, the same order).
struct sc_layer_values
{
    const uchar4* pixels;
    const uchar4* mask; // null unless the shape has a mask
    int width;
    int height;
    int x;
    int y;
    float opacity;      // in (0, 1]
    float fade_keep;    // 1 - amount, and the color times amount / 255 (FadeConstants.cs), when the shape has a fade
    float fade_r;
    float fade_g;
    float fade_b;
    int reserved;
};
static_assert(sizeof(sc_layer_values) == 56, "sc_layer_values must be the 56 bytes of Cuda/LayerValues.cs");

// sc_layer for entry l of the values array, with its shape (masked, mode, faded) given as constants the compiler folds.
__device__ __forceinline__ void sc_layer_of(float& r, float& g, float& b, float& a, int x, int y, const sc_layer_values& l, int masked, int mode, int faded)
{
    sc_layer(r, g, b, a, x, y, l.pixels, l.width, l.height, l.x, l.y, l.opacity, masked ? l.mask : (const uchar4*)0, mode, faded,
        l.fade_keep, l.fade_r, l.fade_g, l.fade_b);
}

// BT.709 limited luma of a composed pixel — yuv420.cu.
__device__ __forceinline__ unsigned char sc_luma(float r, float g, float b)
{
    return sc_to_u8(16.0f + (0.2126f * r + 0.7152f * g + 0.0722f * b) * (219.0f / 255.0f));
}

// U and V of chroma sample (cx, cy) from the sums of its n composed pixels — yuv420.cu.
__device__ __forceinline__ void sc_chroma(unsigned char* yuv, int width, int height, int cx, int cy, float r, float g, float b, int n)
{
    const int chromaWidth = (width + 1) / 2;
    const int chromaHeight = (height + 1) / 2;
    const float s = 1.0f / n;
    r *= s;
    g *= s;
    b *= s;
    const int o = cy * chromaWidth + cx;
    unsigned char* u = yuv + width * height;
    unsigned char* v = u + chromaWidth * chromaHeight;
    u[o] = sc_to_u8(128.0f + (-0.1146f * r - 0.3854f * g + 0.5f * b) * (224.0f / 255.0f));
    v[o] = sc_to_u8(128.0f + (0.5f * r - 0.4542f * g - 0.0458f * b) * (224.0f / 255.0f));
}

#endif
