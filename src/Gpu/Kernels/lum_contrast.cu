// moviepy's lum_contrast in one pass, clamped once: on straight color v (0..255), v + lum + contrast·(v − threshold),
// clamped to [0, 255] and truncated (numpy's astype("uint8")), then premultiplied again; alpha kept.
// Twin: CpuKernels.LumContrast.
#include "common.cuh"

__device__ __forceinline__ unsigned char sc_lum_contrast_channel(unsigned char c, unsigned char a, float lum, float contrast, float threshold)
{
    const float v = c * 255.0f / a;
    const float corrected = v + lum + contrast * (v - threshold);
    const float truncated = floorf(fminf(fmaxf(corrected, 0.0f), 255.0f));
    return sc_to_u8(truncated * a / 255.0f);
}

extern "C" __global__ void sc_lum_contrast(uchar4* pixels, int width, int height, float lum, float contrast, float threshold)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    uchar4 p = pixels[y * width + x];
    if (p.w == 0)
        return;
    p.x = sc_lum_contrast_channel(p.x, p.w, lum, contrast, threshold);
    p.y = sc_lum_contrast_channel(p.y, p.w, lum, contrast, threshold);
    p.z = sc_lum_contrast_channel(p.z, p.w, lum, contrast, threshold);
    pixels[y * width + x] = p;
}
