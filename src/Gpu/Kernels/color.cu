// Color adjustments on straight color, in place, keeping alpha: colorx multiply, contrast and brightness, gamma,
// saturation (BT.709 luma), black and white (normalized weights), invert; then premultiplied again.
// Twin: CpuKernels.AdjustColors; the steps and their order are documented in ColorParams.cs.
#include "common.cuh"

extern "C" __global__ void sc_adjust_colors(
    uchar4* target, int width, int height,
    float mulR, float mulG, float mulB, float contrast, float brightness, float gamma, float saturation,
    int gray, float grayR, float grayG, float grayB, int invert)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 p = target[i];
    if (p.w == 0)
        return;
    const float a = (float)p.w;
    float r = p.x / a, g = p.y / a, b = p.z / a;
    r = sc_clamp01((r * mulR - 0.5f) * contrast + 0.5f + brightness);
    g = sc_clamp01((g * mulG - 0.5f) * contrast + 0.5f + brightness);
    b = sc_clamp01((b * mulB - 0.5f) * contrast + 0.5f + brightness);
    if (gamma != 1.0f)
    {
        r = powf(r, gamma);
        g = powf(g, gamma);
        b = powf(b, gamma);
    }
    if (saturation != 1.0f)
    {
        const float l = 0.2126f * r + 0.7152f * g + 0.0722f * b;
        r = l + (r - l) * saturation;
        g = l + (g - l) * saturation;
        b = l + (b - l) * saturation;
    }
    if (gray)
    {
        const float l = grayR * r + grayG * g + grayB * b;
        r = l;
        g = l;
        b = l;
    }
    if (invert)
    {
        r = 1.0f - r;
        g = 1.0f - g;
        b = 1.0f - b;
    }
    target[i] = make_uchar4(sc_to_u8(sc_clamp01(r) * a), sc_to_u8(sc_clamp01(g) * a), sc_to_u8(sc_clamp01(b) * a), p.w);
}
