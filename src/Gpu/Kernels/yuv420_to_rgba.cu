// Planar I420 (yuv420p) to opaque RGBA8: decoded video uploaded as 1.5 bytes per pixel and converted here. One thread per
// chroma sample: it computes its block's three chroma terms once and writes the 2x2 pixels that share them (clipped at odd edges).
// Y' = (Y - yOffset) * yScale, Cb' = (U - 128) * cScale, Cr' = (V - 128) * cScale (limited: 16, 255/219, 255/224; full: 0, 1, 1);
// R = Y' + rv*Cr', G = Y' - (gu*Cb' + gv*Cr'), B = Y' + bu*Cb' (BT.601 or BT.709 constants, chosen on the host), alpha 255.
// Layout: Y width*height, then U and V of ceil(width/2)*ceil(height/2) each. Twin: CpuKernels.Yuv420ToRgba.
#include "common.cuh"

extern "C" __global__ void sc_yuv420_to_rgba(const unsigned char* yuv, int width, int height, uchar4* target,
    float yOffset, float yScale, float cScale, float rv, float gu, float gv, float bu)
{
    const int cx = sc_x();
    const int cy = sc_y();
    const int chromaWidth = (width + 1) / 2;
    const int chromaHeight = (height + 1) / 2;
    if (cx >= chromaWidth || cy >= chromaHeight)
        return;

    const int o = cy * chromaWidth + cx;
    const unsigned char* u = yuv + width * height;
    const unsigned char* v = u + chromaWidth * chromaHeight;
    const float cb = ((float)u[o] - 128.0f) * cScale;
    const float cr = ((float)v[o] - 128.0f) * cScale;
    const float rc = rv * cr;
    const float gc = gu * cb + gv * cr;
    const float bc = bu * cb;
    for (int dy = 0; dy < 2; dy++)
    {
        const int y = cy * 2 + dy;
        if (y >= height)
            continue;
        for (int dx = 0; dx < 2; dx++)
        {
            const int x = cx * 2 + dx;
            if (x >= width)
                continue;
            const float l = ((float)yuv[y * width + x] - yOffset) * yScale;
            target[y * width + x] = make_uchar4(sc_to_u8(l + rc), sc_to_u8(l - gc), sc_to_u8(l + bc), 255);
        }
    }
}
