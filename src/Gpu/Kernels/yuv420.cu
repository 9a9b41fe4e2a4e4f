// Premultiplied RGBA (i.e. composited over black) to planar I420, BT.709 limited range. One thread per
// chroma sample: it writes the luma of its 2x2 block (clipped at odd edges) and the block's averaged U and V.
// Layout: Y width*height, then U and V of ceil(width/2)*ceil(height/2) each. Twin: CpuKernels.ConvertToYuv420.
#include "common.cuh"

extern "C" __global__ void sc_rgba_to_yuv420(const uchar4* source, int width, int height, unsigned char* yuv)
{
    const int cx = sc_x();
    const int cy = sc_y();
    const int chromaWidth = (width + 1) / 2;
    const int chromaHeight = (height + 1) / 2;
    if (cx >= chromaWidth || cy >= chromaHeight)
        return;

    float r = 0.0f, g = 0.0f, b = 0.0f;
    int n = 0;
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
            const uchar4 p = source[y * width + x];
            yuv[y * width + x] = sc_to_u8(16.0f + (0.2126f * p.x + 0.7152f * p.y + 0.0722f * p.z) * (219.0f / 255.0f));
            r += p.x;
            g += p.y;
            b += p.z;
            n++;
        }
    }
    const float s = 1.0f / n;
    r *= s;
    g *= s;
    b *= s;
    const int o = cy * chromaWidth + cx;
    const int chromaBytes = chromaWidth * chromaHeight;
    unsigned char* u = yuv + width * height;
    unsigned char* v = u + chromaBytes;
    u[o] = sc_to_u8(128.0f + (-0.1146f * r - 0.3854f * g + 0.5f * b) * (224.0f / 255.0f));
    v[o] = sc_to_u8(128.0f + (0.5f * r - 0.4542f * g - 0.0458f * b) * (224.0f / 255.0f));
}
