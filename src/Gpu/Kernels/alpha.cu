// Straight <-> premultiplied alpha, in place. Twins: CpuKernels.Premultiply and CpuKernels.Unpremultiply.
#include "common.cuh"

extern "C" __global__ void sc_premultiply(uchar4* target, int width, int height)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 p = target[i];
    const float s = p.w * (1.0f / 255.0f);
    target[i] = make_uchar4(sc_to_u8(p.x * s), sc_to_u8(p.y * s), sc_to_u8(p.z * s), p.w);
}

extern "C" __global__ void sc_unpremultiply(uchar4* target, int width, int height)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 p = target[i];
    const float s = p.w == 0 ? 0.0f : 255.0f / p.w;
    target[i] = make_uchar4(sc_to_u8(p.x * s), sc_to_u8(p.y * s), sc_to_u8(p.z * s), p.w);
}
