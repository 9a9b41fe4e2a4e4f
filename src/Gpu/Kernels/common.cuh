// Shared by every kernel. NVRTC in CI has no CUDA headers, so nothing here includes a system header:
// the vector types (uchar4, make_uchar4) and math functions (fminf, fmaxf, sqrtf) are NVRTC built-ins,
// and Shim/cuda_shim.h provides the same names when the kernels are compiled for the CPU by g++.
// Every formula mirrors src/Gpu/Cpu/CpuKernels.cs operation for operation (kernels compile with --fmad=false),
// so the CPU twins and the kernels agree to the bit, and always within ±1.
#ifndef SC_COMMON_CUH
#define SC_COMMON_CUH

// add 0.5, clamp to [0, 255], truncate — CpuKernels.ToByte.
__device__ __forceinline__ unsigned char sc_to_u8(float value)
{
    return (unsigned char)fminf(fmaxf(value + 0.5f, 0.0f), 255.0f);
}

// Rec. 601 luma weights on 0..255 values — CpuKernels.Luminance.
__device__ __forceinline__ float sc_luminance(unsigned char r, unsigned char g, unsigned char b)
{
    return 0.299f * r + 0.587f * g + 0.114f * b;
}

// Clamp to [0, 1], NaN to 0 — CpuKernels.Clamp01.
__device__ __forceinline__ float sc_clamp01(float value)
{
    return value > 0.0f ? (value < 1.0f ? value : 1.0f) : 0.0f;
}

// Bilinear between four 0..255 values with weights wx, wy in [0, 1] — CpuKernels.Bilinear.
__device__ __forceinline__ unsigned char sc_bilinear(unsigned char p11, unsigned char p12, unsigned char p21, unsigned char p22, float wx, float wy)
{
    const float top = p11 + (p12 - p11) * wx;
    const float bottom = p21 + (p22 - p21) * wx;
    return sc_to_u8(top + (bottom - top) * wy);
}

__device__ __forceinline__ int sc_min(int a, int b) { return a < b ? a : b; }
__device__ __forceinline__ int sc_max(int a, int b) { return a > b ? a : b; }

// This thread's pixel in a 2D launch.
__device__ __forceinline__ int sc_x() { return (int)(blockIdx.x * blockDim.x + threadIdx.x); }
__device__ __forceinline__ int sc_y() { return (int)(blockIdx.y * blockDim.y + threadIdx.y); }

// A premultiplied pixel as straight-alpha floats: colors 0..255, alpha 0..1; a transparent pixel is all 0. What a user's
// pixel or transition body receives — CpuKernels.StraightPixel.
__device__ __forceinline__ float4 sc_straight(uchar4 p)
{
    const float a = (float)p.w;
    return p.w == 0 ? make_float4(0.0f, 0.0f, 0.0f, 0.0f) : make_float4(p.x / a, p.y / a, p.z / a, a * (1.0f / 255.0f));
}

// What a user's body returned (straight floats, colors and alpha 0..1, NaN as 0) as a premultiplied pixel —
// CpuKernels.StorePremultiplied.
__device__ __forceinline__ uchar4 sc_premultiplied(float4 out)
{
    const float alpha = sc_clamp01(out.w) * 255.0f;
    return make_uchar4(sc_to_u8(sc_clamp01(out.x) * alpha), sc_to_u8(sc_clamp01(out.y) * alpha), sc_to_u8(sc_clamp01(out.z) * alpha), sc_to_u8(alpha));
}

// A filtered pixel: each weighted sum divided by the weight total, rounded, colors limited to alpha so premultiplied
// stays valid (filters with negative lobes can overshoot). Twin: CpuKernels.WriteLimited.
__device__ __forceinline__ uchar4 sc_normalized_limited(float r, float g, float b, float a, float sum)
{
    const unsigned char oa = sc_to_u8(a / sum);
    const unsigned char orr = sc_to_u8(r / sum);
    const unsigned char og = sc_to_u8(g / sum);
    const unsigned char ob = sc_to_u8(b / sum);
    return make_uchar4(orr < oa ? orr : oa, og < oa ? og : oa, ob < oa ? ob : oa, oa);
}

#endif
