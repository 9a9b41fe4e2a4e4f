// Chroma key, in place: alpha (and, premultiplied, color) times clamp((d - threshold) / softness, 0, 1), d the distance of
// the pixel's straight color from the key (0..255 units) in RGB (rgbDistance = 1) or BT.709 CbCr (0).
// Twin: CpuKernels.ChromaKey; semantics in ChromaKeyParams.cs.
#include "common.cuh"

extern "C" __global__ void sc_chroma_key(uchar4* target, int width, int height, int kr, int kg, int kb, float threshold, float softness, int rgbDistance)
{
    const int x = sc_x();
    const int y = sc_y();
    if (x >= width || y >= height)
        return;
    const int i = y * width + x;
    const uchar4 p = target[i];
    if (p.w == 0)
        return;
    const float s = 255.0f / p.w;
    const float dr = p.x * s - kr;
    const float dg = p.y * s - kg;
    const float db = p.z * s - kb;
    float d;
    if (rgbDistance)
    {
        d = sqrtf(dr * dr + dg * dg + db * db);
    }
    else
    {
        // Chroma is linear in RGB, so the chroma of the difference is the difference of the chromas.
        const float cb = -0.1146f * dr - 0.3854f * dg + 0.5f * db;
        const float cr = 0.5f * dr - 0.4542f * dg - 0.0458f * db;
        d = sqrtf(cb * cb + cr * cr);
    }
    const float f = softness > 0.0f ? sc_clamp01((d - threshold) / softness) : (d < threshold ? 0.0f : 1.0f);
    target[i] = make_uchar4(sc_to_u8(p.x * f), sc_to_u8(p.y * f), sc_to_u8(p.z * f), sc_to_u8(p.w * f));
}
