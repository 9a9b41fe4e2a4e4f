// The few CUDA built-ins the kernels use, for compiling them as plain C++ with g++ (the "CUDA source on the CPU"
// test backend). Force-included before the kernels (g++ -include cuda_shim.h). Keep it in step with what
// Kernels/*.cu use: a kernel that needs a new built-in fails to compile here first.
#ifndef SC_CUDA_SHIM_H
#define SC_CUDA_SHIM_H

#include <math.h>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __restrict__ __restrict

struct uint3 { unsigned int x, y, z; };
struct dim3 { unsigned int x, y, z; };

struct alignas(4) uchar4 { unsigned char x, y, z, w; };
struct alignas(16) float4 { float x, y, z, w; };

inline uchar4 make_uchar4(unsigned char x, unsigned char y, unsigned char z, unsigned char w) { return uchar4{x, y, z, w}; }
inline float4 make_float4(float x, float y, float z, float w) { return float4{x, y, z, w}; }

// Set by the harness before each simulated thread runs (threads run one after another, so no __syncthreads).
extern uint3 threadIdx;
extern uint3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;

#endif
