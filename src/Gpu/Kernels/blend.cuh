// The separable blend modes, shared by composite.cu and the fused kernels LayerKernel generates (layers.cuh).
#ifndef SC_BLEND_CUH
#define SC_BLEND_CUH
#include "common.cuh"

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

// One channel of a blended composite, on floats holding byte values (the canvas pixel stays in floats across layers):
// s.c·m·(1 − αb) + sa·αb·B(Cb, Cs) + d.c·(1 − αs), rounded (see IComputeBackend.Composite). Twin: CpuKernels.BlendChannelF.
__device__ __forceinline__ float sc_blend_channel_f(int mode, float s, float sw, float d, float dw, float m, float sab, float ab, float keep)
{
    const float cs = sw == 0.0f ? 0.0f : sc_clamp01(s / sw);
    const float cb = dw == 0.0f ? 0.0f : sc_clamp01(d / dw);
    return (float)sc_to_u8(s * m * (1.0f - ab) + sab * sc_blend(mode, cb, cs) + d * keep);
}

#endif
