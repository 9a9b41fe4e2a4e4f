// Gradient: a two-color gradient (kind 0 linear, 1 bilinear, 2 radial) sampled at pixel centers, interpolated
// in straight alpha and stored premultiplied. Twin: CpuKernels.Gradient; semantics in GradientParams.cs.
#include "common.cuh"

extern "C" __global__ void sc_gradient(
    uchar4* target, int width, int height, int kind,
    float x1, float y1, float x2, float y2, float radius, float offset,
    int r1i, int g1i, int b1i, int a1i, int r2i, int g2i, int b2i, int a2i)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;

    const float vx = x2 - x1;
    const float vy = y2 - y1;
    const float norm2 = vx * vx + vy * vy;
    const float inv = norm2 > 0.0f ? 1.0f / norm2 : 0.0f;
    const float span = 1.0f - offset;
    const float r1 = (float)r1i, g1 = (float)g1i, b1 = (float)b1i, a1 = (float)a1i;
    const float dr = r2i - r1, dg = g2i - g1, db = b2i - b1, da = a2i - a1;

    const float py = y + 0.5f - y1;
    const float px = x + 0.5f - x1;
    float t;
    if (kind == 2)
    {
        t = radius > 0.0f ? (sqrtf(px * px + py * py) - offset * radius) / (span * radius) : 1.0f;
    }
    else
    {
        const float along = (px * vx + py * vy) * inv;
        t = (along - offset) / span;
        if (kind == 1)
            t = fmaxf(t, (-along - offset) / span);
    }
    t = fminf(fmaxf(t, 0.0f), 1.0f);
    const float a = a1 + da * t;
    const float s = a * (1.0f / 255.0f);
    target[y * width + x] = make_uchar4(
        sc_to_u8((r1 + dr * t) * s),
        sc_to_u8((g1 + dg * t) * s),
        sc_to_u8((b1 + db * t) * s),
        sc_to_u8(a));
}
