// Rotate: target pixel centers mapped back into the source (centers aligned) by the inverse rotation, bilinear
// between the four pixels around the sample, pixels outside the source being the premultiplied background.
// cosT and sinT come from the host (exact at multiples of 90 degrees). Twin: CpuKernels.Rotate; semantics in IComputeBackend.Rotate.
#include "common.cuh"

__device__ __forceinline__ uchar4 sc_rotate_tap(const uchar4* source, int sw, int sh, int x, int y, uchar4 background)
{
    return x >= 0 && x < sw && y >= 0 && y < sh ? source[y * sw + x] : background;
}

extern "C" __global__ void sc_rotate(
    const uchar4* source, int sw, int sh, uchar4* target, int tw, int th,
    float cosT, float sinT, int br, int bg, int bb, int ba)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= tw || y >= th)
        return;
    const float px = x + 0.5f - tw * 0.5f;
    const float py = y + 0.5f - th * 0.5f;
    // Clamped to just outside the source, where every tap is background, so the int conversion cannot overflow.
    const float u = fminf(fmaxf(cosT * px - sinT * py + sw * 0.5f - 0.5f, -2.0f), sw + 1.0f);
    const float v = fminf(fmaxf(sinT * px + cosT * py + sh * 0.5f - 0.5f, -2.0f), sh + 1.0f);
    const float fu = floorf(u);
    const float fv = floorf(v);
    const int x1 = (int)fu;
    const int y1 = (int)fv;
    const float wx = u - fu;
    const float wy = v - fv;
    const uchar4 background = make_uchar4((unsigned char)br, (unsigned char)bg, (unsigned char)bb, (unsigned char)ba);
    const uchar4 p11 = sc_rotate_tap(source, sw, sh, x1, y1, background);
    const uchar4 p12 = sc_rotate_tap(source, sw, sh, x1 + 1, y1, background);
    const uchar4 p21 = sc_rotate_tap(source, sw, sh, x1, y1 + 1, background);
    const uchar4 p22 = sc_rotate_tap(source, sw, sh, x1 + 1, y1 + 1, background);
    target[y * tw + x] = make_uchar4(
        sc_bilinear(p11.x, p12.x, p21.x, p22.x, wx, wy),
        sc_bilinear(p11.y, p12.y, p21.y, p22.y, wx, wy),
        sc_bilinear(p11.z, p12.z, p21.z, p22.z, wx, wy),
        sc_bilinear(p11.w, p12.w, p21.w, p22.w, wx, wy));
}
