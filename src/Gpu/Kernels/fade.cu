// Fade: moves each premultiplied color toward (r, g, b) by amount in [0, 1], keeping alpha. Twin: CpuKernels.Fade.
#include "common.cuh"

extern "C" __global__ void sc_fade(uchar4* target, int width, int height, int r, int g, int b, float amount)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const float keep = 1.0f - amount;
    const float cr = r * amount * (1.0f / 255.0f);
    const float cg = g * amount * (1.0f / 255.0f);
    const float cb = b * amount * (1.0f / 255.0f);
    const int i = y * width + x;
    const uchar4 p = target[i];
    const float a = p.w;
    target[i] = make_uchar4(sc_to_u8(p.x * keep + cr * a), sc_to_u8(p.y * keep + cg * a), sc_to_u8(p.z * keep + cb * a), p.w);
}
