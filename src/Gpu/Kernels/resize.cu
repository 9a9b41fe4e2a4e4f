// Bilinear resize of the whole source onto the whole target, sampling at pixel centers with edge clamping.
// Twin: CpuKernels.Resize.
#include "common.cuh"

extern "C" __global__ void sc_resize(const uchar4* source, int sw, int sh, uchar4* target, int tw, int th)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= tw || y >= th)
        return;
    const float scaleX = (float)sw / tw;
    const float scaleY = (float)sh / th;
    const float fy = fminf(fmaxf((y + 0.5f) * scaleY - 0.5f, 0.0f), (float)(sh - 1));
    const int y1 = (int)fy;
    const int y2 = sc_min(y1 + 1, sh - 1);
    const float wy = fy - y1;
    const float fx = fminf(fmaxf((x + 0.5f) * scaleX - 0.5f, 0.0f), (float)(sw - 1));
    const int x1 = (int)fx;
    const int x2 = sc_min(x1 + 1, sw - 1);
    const float wx = fx - x1;
    const uchar4 p11 = source[y1 * sw + x1], p12 = source[y1 * sw + x2];
    const uchar4 p21 = source[y2 * sw + x1], p22 = source[y2 * sw + x2];
    target[y * tw + x] = make_uchar4(
        sc_bilinear(p11.x, p12.x, p21.x, p22.x, wx, wy),
        sc_bilinear(p11.y, p12.y, p21.y, p22.y, wx, wy),
        sc_bilinear(p11.z, p12.z, p21.z, p22.z, wx, wy),
        sc_bilinear(p11.w, p12.w, p21.w, p22.w, wx, wy));
}
