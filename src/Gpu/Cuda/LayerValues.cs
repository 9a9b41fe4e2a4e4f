using System.Runtime.InteropServices;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// One layer's values for a fused composite kernel (<see cref="LayerKernel"/>), as the backend uploads them per frame in an array:
/// the twin of <c>sc_layer_values</c> in <c>Kernels/layers.cuh</c>, field for field, 56 bytes (a test and a static_assert hold both
/// to it). Blittable: the array is copied to the device as it lies in memory.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LayerValues
{
    public ulong Pixels;
    public ulong Mask;
    public int Width;
    public int Height;
    public int X;
    public int Y;
    public float Opacity;
    public float FadeKeep;
    public float FadeR;
    public float FadeG;
    public float FadeB;
    public int Reserved;
}
