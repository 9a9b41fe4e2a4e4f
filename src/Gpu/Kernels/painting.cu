// moviepy 2's painting, with Pillow's integer steps: E = EDGE_ENHANCE_MORE of the picture (9·p − its 8 neighbours, clamped),
// L = Pillow's luma of E ((19595 R + 38470 G + 7471 B + 32768) >> 16), D = FIND_EDGES of L (8·l − its 8 neighbours, clamped),
// both filters copying the outermost rows and columns unchanged (as Pillow's 3×3 filters do); then per channel
// ⌊clamp(saturation·E − black·(255·D), 0, 255)⌋, on straight color, premultiplied again with the pixel's own alpha.
// Twin: CpuKernels.Painting.
#include "common.cuh"

// The straight color byte of a premultiplied channel — CpuKernels.Straight.
__device__ __forceinline__ int sc_straight(unsigned char c, unsigned char a)
{
    return a == 255 ? c : a == 0 ? 0 : sc_to_u8(c * 255.0f / a);
}

__device__ __forceinline__ int sc_clamp255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

// E at (x, y), straight; the border is the picture itself.
__device__ void sc_enhanced(const uchar4* source, int width, int height, int x, int y, int* e)
{
    const uchar4 c = source[y * width + x];
    int r = sc_straight(c.x, c.w), g = sc_straight(c.y, c.w), b = sc_straight(c.z, c.w);
    if (x == 0 || y == 0 || x == width - 1 || y == height - 1)
    {
        e[0] = r; e[1] = g; e[2] = b;
        return;
    }
    int sr = 0, sg = 0, sb = 0;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
        {
            if (dx == 0 && dy == 0)
                continue;
            const uchar4 n = source[(y + dy) * width + (x + dx)];
            sr += sc_straight(n.x, n.w); sg += sc_straight(n.y, n.w); sb += sc_straight(n.z, n.w);
        }
    e[0] = sc_clamp255(9 * r - sr); e[1] = sc_clamp255(9 * g - sg); e[2] = sc_clamp255(9 * b - sb);
}

__device__ int sc_enhanced_luma(const uchar4* source, int width, int height, int x, int y)
{
    int e[3];
    sc_enhanced(source, width, height, x, y, e);
    return (e[0] * 19595 + e[1] * 38470 + e[2] * 7471 + 32768) >> 16;
}

extern "C" __global__ void sc_painting(const uchar4* source, uchar4* target, int width, int height, float saturation, float black)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    int e[3];
    sc_enhanced(source, width, height, x, y, e);
    const int l = (e[0] * 19595 + e[1] * 38470 + e[2] * 7471 + 32768) >> 16;
    int edge = l;
    if (x > 0 && y > 0 && x < width - 1 && y < height - 1)
    {
        int sum = 0;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                if (dx != 0 || dy != 0)
                    sum += sc_enhanced_luma(source, width, height, x + dx, y + dy);
        edge = sc_clamp255(8 * l - sum);
    }
    const float darkening = black * (255.0f * edge);
    const unsigned char a = source[y * width + x].w;
    unsigned char out[3];
    for (int c = 0; c < 3; c++)
    {
        const float v = floorf(fminf(fmaxf(saturation * e[c] - darkening, 0.0f), 255.0f));
        out[c] = a == 255 ? (unsigned char)v : sc_to_u8(v * a / 255.0f);
    }
    target[y * width + x] = make_uchar4(out[0], out[1], out[2], a);
}
