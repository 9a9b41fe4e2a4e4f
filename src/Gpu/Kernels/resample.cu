// One axis of a separable resize with a bicubic (Catmull-Rom, filter 1) or Lanczos-3 (filter 2) kernel, widened by the
// downscale ratio so shrinking does not alias; clamp-to-edge; premultiplied in and out (colors limited to alpha).
// Horizontal (vertical = 0): source sw x sh -> target tw x sh. Vertical: source tw x sh -> target tw x th.
// Twin: CpuKernels.ResampleAxis; semantics in IComputeBackend.Resize(source, target, filter).
#include "common.cuh"

__device__ __forceinline__ float sc_resample_weight(int filter, float x)
{
    x = fabsf(x);
    if (filter == 1)
    {
        if (x < 1.0f)
            return (1.5f * x - 2.5f) * x * x + 1.0f;
        if (x < 2.0f)
            return ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f;
        return 0.0f;
    }
    if (x == 0.0f)
        return 1.0f;
    if (x < 3.0f)
    {
        const float a = 3.14159265f * x;
        return 3.0f * sinf(a) * sinf(a / 3.0f) / (a * a);
    }
    return 0.0f;
}

extern "C" __global__ void sc_resample_axis(const uchar4* source, int sw, int sh, uchar4* target, int tw, int th, int filter, int vertical)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= tw || y >= th)
        return;
    const int inSize = vertical ? sh : sw;
    const int outSize = vertical ? th : tw;
    const int o = vertical ? y : x;
    const float scale = (float)inSize / outSize;
    const float widen = fmaxf(scale, 1.0f);
    const float support = (filter == 1 ? 2.0f : 3.0f) * widen;
    const float center = (o + 0.5f) * scale - 0.5f;
    const int first = (int)floorf(center - support) + 1;
    const int last = (int)floorf(center + support);
    float r = 0.0f, g = 0.0f, b = 0.0f, a = 0.0f, sum = 0.0f;
    for (int j = first; j <= last; j++)
    {
        const float w = sc_resample_weight(filter, (j - center) / widen);
        const int k = sc_min(sc_max(j, 0), inSize - 1);
        const uchar4 p = vertical ? source[k * sw + x] : source[y * sw + k];
        r += w * p.x;
        g += w * p.y;
        b += w * p.z;
        a += w * p.w;
        sum += w;
    }
    target[y * tw + x] = sc_normalized_limited(r, g, b, a, sum);
}
