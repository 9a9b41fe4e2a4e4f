// Opaque I420 pictures (decoded video) laid straight into an I420 frame, with no RGBA in between. The frame and every layer have
// even sizes and positions, so a layer's chroma sample covers exactly one 2x2 luma block of its own, and lands on one of the frame's.
// Each sample is first brought to BT.709 limited range (the identity for such layers): with Cb = U - 128, Cr = V - 128 of its block,
// Y: s = round(((16 + ky*(Y - iy)) + a*Cb) + b*Cr), U: s = round((128 + c*Cb) + d*Cr), V: s = round((128 + e*Cb) + f*Cr);
// then over d: d = round(round(s*keep + fade)*opacity + d*inverse).
// Layout of every frame: Y width*height, then U and V of (width/2)*(height/2) each. Twin: CpuKernels.MixI420Layers.
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

// One converted sample of a layer over one of the frame — CpuKernels.Mix.
__device__ __forceinline__ unsigned char sc_yuv420_mix(float s, unsigned char d, float opacity, float inverse, float keep, float fade)
{
    const float faded = (float)sc_to_u8(s * keep + fade);
    return sc_to_u8(faded * opacity + (float)d * inverse);
}

// One layer over the frame: one thread per chroma sample of the frame's visible part of the layer, the columns x
// left .. left + columns - 1 and rows top .. top + rows - 1 of the frame's chroma plane (computed on the host, inside both).
extern "C" __global__ void sc_yuv420_layer(const unsigned char* source, int sourceWidth, int sourceHeight, int x, int y,
    unsigned char* yuv, int width, int height, int left, int top, int columns, int rows,
    float opacity, float inverse, float keep, float fadeY, float fadeU, float fadeV,
    float lumaScale, float lumaOffset, float lumaCb, float lumaCr, float cbCb, float cbCr, float crCb, float crCr)
{
    const int column = sc_x();
    const int row = sc_y();
    if (column >= columns || row >= rows)
        return;
    const int cx = left + column;
    const int cy = top + row;
    const int sx = cx - x / 2;
    const int sy = cy - y / 2;
    const int sourceChromaWidth = sourceWidth / 2;
    const unsigned char* sourceU = source + sourceWidth * sourceHeight;
    const unsigned char* sourceV = sourceU + sourceChromaWidth * (sourceHeight / 2);
    const int s = sy * sourceChromaWidth + sx;
    const float cb = (float)sourceU[s] - 128.0f;
    const float cr = (float)sourceV[s] - 128.0f;
    for (int dy = 0; dy < 2; dy++)
    {
        for (int dx = 0; dx < 2; dx++)
        {
            const int target = (cy * 2 + dy) * width + cx * 2 + dx;
            const float l = (float)sc_to_u8(16.0f + lumaScale * ((float)source[(sy * 2 + dy) * sourceWidth + sx * 2 + dx] - lumaOffset) + lumaCb * cb + lumaCr * cr);
            yuv[target] = sc_yuv420_mix(l, yuv[target], opacity, inverse, keep, fadeY);
        }
    }
    const int chromaWidth = width / 2;
    unsigned char* u = yuv + width * height;
    unsigned char* v = u + chromaWidth * (height / 2);
    const int t = cy * chromaWidth + cx;
    u[t] = sc_yuv420_mix((float)sc_to_u8(128.0f + cbCb * cb + cbCr * cr), u[t], opacity, inverse, keep, fadeU);
    v[t] = sc_yuv420_mix((float)sc_to_u8(128.0f + crCb * cb + crCr * cr), v[t], opacity, inverse, keep, fadeV);
}

// An RGBA picture (premultiplied) laid "over" the frame at any position: one thread per chroma sample of the frame in the picture's
// bounding blocks (columns x left .. left + columns - 1, rows top .. top + rows - 1, on the host). Luma per pixel, with its color and
// alpha scaled by the opacity: Y = round((16 + L(s)*219/255) + (1 - as)*(Y - 16)). Chroma per block, from the sums of the four pixels'
// bytes (whole numbers: any order; pixels off the picture add nothing): s = sum*opacity*0.25, as = sum(a)*opacity*(1/255)*0.25,
// U = round((128 + Cb(s)*224/255) + (1 - as)*(U - 128)), V likewise. Twin: CpuKernels.OverlayLumaRow and OverlayChromaRow.
extern "C" __global__ void sc_yuv420_overlay(const uchar4* image, int imageWidth, int imageHeight, int x, int y,
    unsigned char* yuv, int width, int height, int left, int top, int columns, int rows, float opacity)
{
    const int column = sc_x();
    const int row = sc_y();
    if (column >= columns || row >= rows)
        return;
    const int cx = left + column;
    const int cy = top + row;
    int sr = 0, sg = 0, sb = 0, sa = 0;
    for (int dy = 0; dy < 2; dy++)
    {
        const int py = cy * 2 + dy - y;
        if (py < 0 || py >= imageHeight)
            continue;
        for (int dx = 0; dx < 2; dx++)
        {
            const int px = cx * 2 + dx - x;
            if (px < 0 || px >= imageWidth)
                continue;
            const uchar4 p = image[py * imageWidth + px];
            const float r = (float)p.x * opacity, g = (float)p.y * opacity, b = (float)p.z * opacity;
            const float alpha = (float)p.w * opacity * (1.0f / 255.0f);
            const int target = (cy * 2 + dy) * width + cx * 2 + dx;
            const float luma = 0.2126f * r + 0.7152f * g + 0.0722f * b;
            yuv[target] = sc_to_u8(16.0f + luma * (219.0f / 255.0f) + (1.0f - alpha) * ((float)yuv[target] - 16.0f));
            sr += p.x;
            sg += p.y;
            sb += p.z;
            sa += p.w;
        }
    }
    const float r = (float)sr * opacity * 0.25f, g = (float)sg * opacity * 0.25f, b = (float)sb * opacity * 0.25f;
    const float keep = 1.0f - (float)sa * opacity * (1.0f / 255.0f) * 0.25f;
    const int chromaWidth = width / 2;
    unsigned char* u = yuv + width * height;
    unsigned char* v = u + chromaWidth * (height / 2);
    const int t = cy * chromaWidth + cx;
    u[t] = sc_to_u8(128.0f + (-0.1146f * r - 0.3854f * g + 0.5f * b) * (224.0f / 255.0f) + keep * ((float)u[t] - 128.0f));
    v[t] = sc_to_u8(128.0f + (0.5f * r - 0.4542f * g - 0.0458f * b) * (224.0f / 255.0f) + keep * ((float)v[t] - 128.0f));
}
