// Opaque I420 pictures (decoded video) laid straight into an I420 frame, with no RGBA in between. The frame and every layer have
// even sizes and positions, so a layer's chroma sample covers exactly one 2x2 luma block of its own, and lands on one of the frame's.
// Per sample s over d: s' = round(s*keep + fade), d = round(s'*opacity + d*inverse) (a copy when opacity is 1 and there is no fade).
// Layout of every frame: Y width*height, then U and V of (width/2)*(height/2) each. Twin: CpuKernels.CompositeYuv420Layers.
#include "common.cuh"

// The background: one thread per chroma sample writes its 2x2 luma block, its U and its V.
extern "C" __global__ void sc_yuv420_fill(unsigned char* yuv, int width, int height, int y, int u, int v)
{
    const int cx = sc_x();
    const int cy = sc_y();
    const int chromaWidth = width / 2;
    const int chromaHeight = height / 2;
    if (cx >= chromaWidth || cy >= chromaHeight)
        return;
    for (int dy = 0; dy < 2; dy++)
        for (int dx = 0; dx < 2; dx++)
            yuv[(cy * 2 + dy) * width + cx * 2 + dx] = (unsigned char)y;
    unsigned char* chroma = yuv + width * height;
    chroma[cy * chromaWidth + cx] = (unsigned char)u;
    chroma[chromaWidth * chromaHeight + cy * chromaWidth + cx] = (unsigned char)v;
}

// One sample of a layer over one of the frame — CpuKernels.MixRow.
__device__ __forceinline__ unsigned char sc_yuv420_mix(unsigned char s, unsigned char d, float opacity, float inverse, float keep, float fade)
{
    const float faded = (float)sc_to_u8((float)s * keep + fade);
    return sc_to_u8(faded * opacity + (float)d * inverse);
}

// One layer over the frame: one thread per chroma sample of the frame's visible part of the layer, the columns x
// left .. left + columns - 1 and rows top .. top + rows - 1 of the frame's chroma plane (computed on the host, inside both).
extern "C" __global__ void sc_yuv420_layer(const unsigned char* source, int sourceWidth, int sourceHeight, int x, int y,
    unsigned char* yuv, int width, int height, int left, int top, int columns, int rows,
    float opacity, float inverse, float keep, float fadeY, float fadeU, float fadeV)
{
    const int column = sc_x();
    const int row = sc_y();
    if (column >= columns || row >= rows)
        return;
    const int cx = left + column;
    const int cy = top + row;
    const int sx = cx - x / 2;
    const int sy = cy - y / 2;
    for (int dy = 0; dy < 2; dy++)
    {
        for (int dx = 0; dx < 2; dx++)
        {
            const int target = (cy * 2 + dy) * width + cx * 2 + dx;
            yuv[target] = sc_yuv420_mix(source[(sy * 2 + dy) * sourceWidth + sx * 2 + dx], yuv[target], opacity, inverse, keep, fadeY);
        }
    }
    const int sourceChromaWidth = sourceWidth / 2;
    const int chromaWidth = width / 2;
    const unsigned char* sourceU = source + sourceWidth * sourceHeight;
    const unsigned char* sourceV = sourceU + sourceChromaWidth * (sourceHeight / 2);
    unsigned char* u = yuv + width * height;
    unsigned char* v = u + chromaWidth * (height / 2);
    const int s = sy * sourceChromaWidth + sx;
    const int t = cy * chromaWidth + cx;
    u[t] = sc_yuv420_mix(sourceU[s], u[t], opacity, inverse, keep, fadeU);
    v[t] = sc_yuv420_mix(sourceV[s], v[t], opacity, inverse, keep, fadeV);
}
