// moviepy's supersample: the mean of n pictures, truncated (numpy's mean then astype("uint8")), per premultiplied channel.
// sums holds four 16-bit sums per pixel (n ≤ 256, so 255·n fits): sc_average_add adds one picture (the first sets them),
// sc_average_end writes ⌊sum / n⌋. Twin: CpuKernels.Average.
#include "common.cuh"

extern "C" __global__ void sc_average_add(const uchar4* source, unsigned short* sums, int width, int height, int first)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 p = source[i];
    unsigned short* s = sums + 4 * i;
    if (first)
    {
        s[0] = p.x; s[1] = p.y; s[2] = p.z; s[3] = p.w;
    }
    else
    {
        s[0] = (unsigned short)(s[0] + p.x); s[1] = (unsigned short)(s[1] + p.y);
        s[2] = (unsigned short)(s[2] + p.z); s[3] = (unsigned short)(s[3] + p.w);
    }
}

extern "C" __global__ void sc_average_end(const unsigned short* sums, uchar4* target, int width, int height, int count)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const unsigned short* s = sums + 4 * i;
    target[i] = make_uchar4((unsigned char)(s[0] / count), (unsigned char)(s[1] / count), (unsigned char)(s[2] / count), (unsigned char)(s[3] / count));
}
