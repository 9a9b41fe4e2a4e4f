// Fill: every pixel becomes one straight-alpha color, stored premultiplied. Twin: CpuKernels.Fill.
#include "common.cuh"

extern "C" __global__ void sc_fill(uchar4* target, int width, int height, int r, int g, int b, int a)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const float s = a / 255.0f;
    target[y * width + x] = make_uchar4(sc_to_u8(r * s), sc_to_u8(g * s), sc_to_u8(b * s), (unsigned char)a);
}
