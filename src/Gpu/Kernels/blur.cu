// One axis of a separable Gaussian blur on premultiplied pixels: weights exp(-i^2 / (2 sigma^2)) for i in
// [-radius, radius] (1 at i = 0), normalized, clamp-to-edge. Source and target have the same size and differ.
// Twin: CpuKernels.BlurAxis; semantics in IComputeBackend.GaussianBlur.
#include "common.cuh"

extern "C" __global__ void sc_blur_axis(const uchar4* source, uchar4* target, int width, int height, float sigma, int radius, int vertical)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const float denom = 2.0f * sigma * sigma;
    const int o = vertical ? y : x;
    const int size = vertical ? height : width;
    float r = 0.0f, g = 0.0f, b = 0.0f, a = 0.0f, sum = 0.0f;
    for (int i = -radius; i <= radius; i++)
    {
        const float w = i == 0 ? 1.0f : expf(-(float)(i * i) / denom);
        const int k = sc_min(sc_max(o + i, 0), size - 1);
        const uchar4 p = vertical ? source[k * width + x] : source[y * width + k];
        r += w * p.x;
        g += w * p.y;
        b += w * p.z;
        a += w * p.w;
        sum += w;
    }
    target[y * width + x] = sc_normalized_limited(r, g, b, a, sum);
}
