// moviepy's mask_and / mask_or: the per-channel minimum (or maximum) of two pictures of one size, on premultiplied bytes,
// alpha included (so the result stays premultiplied: min(c1, c2) ≤ min(a1, a2)). Written into the first picture.
// Twin: CpuKernels.MinMax.
#include "common.cuh"

extern "C" __global__ void sc_min_max(uchar4* target, const uchar4* other, int width, int height, int maximum)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 a = target[i];
    const uchar4 b = other[i];
    if (maximum)
        target[i] = make_uchar4(a.x > b.x ? a.x : b.x, a.y > b.y ? a.y : b.y, a.z > b.z ? a.z : b.z, a.w > b.w ? a.w : b.w);
    else
        target[i] = make_uchar4(a.x < b.x ? a.x : b.x, a.y < b.y ? a.y : b.y, a.z < b.z ? a.z : b.z, a.w < b.w ? a.w : b.w);
}
