// Transitions from one picture to another, one entry point per family; kind is a TransitionKind. Twins: CpuKernels.Transition*.
// progress runs 0 (from) to 1 (to). The xfade-named kinds follow ffmpeg's formulas, which run their own progress p from 1 to 0,
// so each entry point works with p = 1 - progress; its float-to-int truncations are kept where they decide which picture shows.
#include "common.cuh"

__device__ __forceinline__ float sc_xf_smoothstep(float edge0, float edge1, float x)
{
    float t = (x - edge0) / (edge1 - edge0);
    t = t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
    return t * t * (3.0f - 2.0f * t);
}

// xfade's mix: a·m + b·(1 − m).
__device__ __forceinline__ float sc_xf_mix(float a, float b, float m)
{
    return a * m + b * (1.0f - m);
}

__device__ __forceinline__ uchar4 sc_xf_mix4(uchar4 a, uchar4 b, float m)
{
    return make_uchar4(sc_to_u8(sc_xf_mix(a.x, b.x, m)), sc_to_u8(sc_xf_mix(a.y, b.y, m)), sc_to_u8(sc_xf_mix(a.z, b.z, m)), sc_to_u8(sc_xf_mix(a.w, b.w, m)));
}

// Fade (0) and fade through a color (1, xfade's fadeblack with any color c, premultiplied bytes).
extern "C" __global__ void sc_transition_mix(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const float p = 1.0f - progress;
    const uchar4 f = from[i];
    const uchar4 t = to[i];
    if (kind == 0)
    {
        target[i] = sc_xf_mix4(f, t, p);
        return;
    }
    const float out = sc_xf_smoothstep(0.8f, 1.0f, p);
    const float in = sc_xf_smoothstep(0.2f, 1.0f, p);
    target[i] = make_uchar4(
        sc_to_u8(sc_xf_mix(sc_xf_mix(f.x, (float)r, out), sc_xf_mix((float)r, t.x, in), p)),
        sc_to_u8(sc_xf_mix(sc_xf_mix(f.y, (float)g, out), sc_xf_mix((float)g, t.y, in), p)),
        sc_to_u8(sc_xf_mix(sc_xf_mix(f.z, (float)b, out), sc_xf_mix((float)b, t.z, in), p)),
        sc_to_u8(sc_xf_mix(sc_xf_mix(f.w, (float)a, out), sc_xf_mix((float)a, t.w, in), p)));
}

// Wipes: left, right, up, down (10-13) and toward a corner: top left, top right, bottom left, bottom right (14-17).
extern "C" __global__ void sc_transition_wipe(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    (void)r; (void)g; (void)b; (void)a;
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const float p = 1.0f - progress;
    const int zw = (int)(width * p);
    const int zh = (int)(height * p);
    const int zw1 = (int)(width * (1.0f - p));
    const int zh1 = (int)(height * (1.0f - p));
    bool showFrom;
    switch (kind)
    {
        case 10: showFrom = x <= zw; break;
        case 11: showFrom = x > zw1; break;
        case 12: showFrom = y <= zh; break;
        case 13: showFrom = y > zh1; break;
        case 14: showFrom = y <= zh && x <= zw; break;
        case 15: showFrom = y <= zh && x > zw1; break;
        case 16: showFrom = y > zh1 && x <= zw; break;
        default: showFrom = y > zh1 && x > zw1; break;
    }
    target[i] = showFrom ? from[i] : to[i];
}

// Slides, both pictures moving (xfade's slide*, a push): left, right, up, down (20-23); covers, the second picture sliding
// over the first: left, right, up, down (24-27).
extern "C" __global__ void sc_transition_slide(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    (void)r; (void)g; (void)b; (void)a;
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const float p = 1.0f - progress;
    const int direction = kind & 3;
    const bool cover = kind >= 24;
    const bool horizontal = direction < 2;
    const int size = horizontal ? width : height;
    const int z = (direction & 1) == 0 ? (int)(-p * size) : (int)(p * size);
    const int shifted = z + (horizontal ? x : y);
    int wrapped = shifted % size;
    if (wrapped < 0)
        wrapped += size;
    const int j = horizontal ? y * width + wrapped : wrapped * width + x;
    if (shifted >= 0 && shifted < size)
        target[i] = to[j];
    else
        target[i] = cover ? from[i] : from[j];
}

// Shapes: circle open, circle close (30, 31, soft edged), rect crop (32, through the color), rect open (33, a centered
// rectangle of the second picture growing to the whole frame).
extern "C" __global__ void sc_transition_shape(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const float p = 1.0f - progress;
    const int dx = x - width / 2;
    const int dy = y - height / 2;
    if (kind == 30 || kind == 31)
    {
        const int hw = width / 2;
        const int hh = height / 2;
        const float z = sqrtf((float)(hw * hw + hh * hh));
        const float shift = kind == 30 ? (p - 0.5f) * 3.0f : (1.0f - p - 0.5f) * 3.0f;
        const float smooth = sc_xf_smoothstep(0.0f, 1.0f, sqrtf((float)(dx * dx + dy * dy)) / z + shift);
        target[i] = kind == 30 ? sc_xf_mix4(from[i], to[i], smooth) : sc_xf_mix4(to[i], from[i], smooth);
        return;
    }
    if (kind == 32)
    {
        const float d = fabsf(p - 0.5f);
        const int zh = (int)(d * height);
        const int zw = (int)(d * width);
        const bool inside = (dx < 0 ? -dx : dx) < zw && (dy < 0 ? -dy : dy) < zh;
        target[i] = !inside ? make_uchar4((unsigned char)r, (unsigned char)g, (unsigned char)b, (unsigned char)a) : (p < 0.5f ? to[i] : from[i]);
        return;
    }
    const int cx = 2 * x + 1 - width;
    const int cy = 2 * y + 1 - height;
    const bool inside = (float)(cx < 0 ? -cx : cx) < progress * width && (float)(cy < 0 ? -cy : cy) < progress * height;
    target[i] = inside ? to[i] : from[i];
}

// An integer hash of the pixel's position to [0, 1): the same on every backend (xfade's dissolve uses sinf, which differs).
__device__ __forceinline__ float sc_xf_noise(int x, int y)
{
    unsigned int h = (unsigned int)x * 0x8da6b343u ^ (unsigned int)y * 0xd8163841u;
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return (float)(h >> 8) * (1.0f / 16777216.0f);
}

// Dissolve (40): each pixel switches from the first picture to the second once progress passes its noise value.
extern "C" __global__ void sc_transition_dissolve(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    (void)kind; (void)r; (void)g; (void)b; (void)a;
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    target[i] = sc_xf_noise(x, y) < progress ? to[i] : from[i];
}

// Zoom in (50): xfade's zoomin, the first picture magnified toward its center (nearest sample) while it fades into the second.
extern "C" __global__ void sc_transition_zoom(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, int kind, float progress, int r, int g, int b, int a)
{
    (void)kind; (void)r; (void)g; (void)b; (void)a;
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const float p = 1.0f - progress;
    const float w = (float)width;
    const float h = (float)height;
    const float zf = sc_xf_smoothstep(0.5f, 1.0f, p);
    const float u = 0.5f + ((x / w - 0.5f) * zf);
    const float v = 0.5f + ((y / h - 0.5f) * zf);
    const int iu = sc_min(sc_max((int)ceilf(u * (w - 1.0f)), 0), width - 1);
    const int iv = sc_min(sc_max((int)ceilf(v * (h - 1.0f)), 0), height - 1);
    target[i] = sc_xf_mix4(from[iv * width + iu], to[i], sc_xf_smoothstep(0.0f, 0.5f, p));
}
