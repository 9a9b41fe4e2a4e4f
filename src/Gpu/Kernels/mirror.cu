// Mirror: copies the source into a target of the same size, flipped left-right (x) or top-bottom (y).
// Twins: CpuKernels.MirrorX and CpuKernels.MirrorY.
#include "common.cuh"

extern "C" __global__ void sc_mirror_x(const uchar4* source, uchar4* target, int width, int height)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    target[y * width + x] = source[y * width + (width - 1 - x)];
}

extern "C" __global__ void sc_mirror_y(const uchar4* source, uchar4* target, int width, int height)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    target[y * width + x] = source[(height - 1 - y) * width + x];
}
