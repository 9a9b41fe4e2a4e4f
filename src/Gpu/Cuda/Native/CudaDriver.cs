using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// The CUDA driver API calls the backend needs (<c>libcuda.so.1</c>), blittable, with the <c>_v2</c> entry points
/// where the driver has them. Handles are <see cref="nint"/>, device pointers <see cref="ulong"/> (CUdeviceptr).
/// Check every result with <see cref="ThrowIfFailed"/>.
/// </summary>
internal static unsafe partial class CudaDriver
{
    internal const string Library = "cuda";

    static CudaDriver() => NativeLibraries.Register();

    [LibraryImport(Library)] internal static partial int cuInit(uint flags);
    [LibraryImport(Library)] internal static partial int cuDriverGetVersion(int* version);
    [LibraryImport(Library)] internal static partial int cuGetErrorName(int error, byte** name);
    [LibraryImport(Library)] internal static partial int cuGetErrorString(int error, byte** text);

    [LibraryImport(Library)] internal static partial int cuDeviceGetCount(int* count);
    [LibraryImport(Library)] internal static partial int cuDeviceGet(int* device, int ordinal);
    [LibraryImport(Library)] internal static partial int cuDeviceGetName(byte* name, int length, int device);
    [LibraryImport(Library)] internal static partial int cuDeviceGetAttribute(int* value, CudaDeviceAttribute attribute, int device);
    [LibraryImport(Library)] internal static partial int cuDeviceTotalMem_v2(nuint* bytes, int device);

    [LibraryImport(Library)] internal static partial int cuDevicePrimaryCtxRetain(nint* context, int device);
    [LibraryImport(Library)] internal static partial int cuDevicePrimaryCtxRelease_v2(int device);
    [LibraryImport(Library)] internal static partial int cuDevicePrimaryCtxSetFlags_v2(int device, uint flags);
    [LibraryImport(Library)] internal static partial int cuCtxSetCurrent(nint context);

    [LibraryImport(Library)]
    internal static partial int cuModuleLoadDataEx(nint* module, void* image, uint numOptions, CudaJitOption* options, void** optionValues);
    [LibraryImport(Library)] internal static partial int cuModuleUnload(nint module);
    [LibraryImport(Library)] internal static partial int cuModuleGetFunction(nint* function, nint module, byte* name);
    [LibraryImport(Library)]
    internal static partial int cuLaunchKernel(nint function, uint gridX, uint gridY, uint gridZ, uint blockX, uint blockY, uint blockZ,
        uint sharedMemBytes, nint stream, void** kernelParams, void** extra);

    [LibraryImport(Library)] internal static partial int cuMemAlloc_v2(ulong* pointer, nuint bytes);
    [LibraryImport(Library)] internal static partial int cuMemFree_v2(ulong pointer);
    [LibraryImport(Library)] internal static partial int cuMemAllocHost_v2(void** pointer, nuint bytes);
    [LibraryImport(Library)] internal static partial int cuMemFreeHost(void* pointer);
    [LibraryImport(Library)] internal static partial int cuMemcpyHtoDAsync_v2(ulong destination, void* source, nuint bytes, nint stream);
    [LibraryImport(Library)] internal static partial int cuMemcpyDtoHAsync_v2(void* destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Library)] internal static partial int cuStreamCreate(nint* stream, uint flags);
    [LibraryImport(Library)] internal static partial int cuStreamDestroy_v2(nint stream);
    [LibraryImport(Library)] internal static partial int cuStreamSynchronize(nint stream);

    [LibraryImport(Library)] internal static partial int cuEventCreate(nint* evt, uint flags);
    [LibraryImport(Library)] internal static partial int cuEventDestroy_v2(nint evt);
    [LibraryImport(Library)] internal static partial int cuEventRecord(nint evt, nint stream);
    [LibraryImport(Library)] internal static partial int cuEventSynchronize(nint evt);

    /// <summary>The exports the backend calls; a driver lacking one is too old.</summary>
    internal static readonly string[] RequiredExports =
    [
        "cuInit", "cuDriverGetVersion", "cuGetErrorName", "cuGetErrorString", "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName",
        "cuDeviceGetAttribute", "cuDeviceTotalMem_v2", "cuDevicePrimaryCtxRetain", "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxSetFlags_v2", "cuCtxSetCurrent",
        "cuModuleLoadDataEx", "cuModuleUnload", "cuModuleGetFunction", "cuLaunchKernel", "cuMemAlloc_v2", "cuMemFree_v2",
        "cuMemAllocHost_v2", "cuMemFreeHost", "cuMemcpyHtoDAsync_v2", "cuMemcpyDtoHAsync_v2", "cuStreamCreate", "cuStreamDestroy_v2",
        "cuStreamSynchronize", "cuEventCreate", "cuEventDestroy_v2", "cuEventRecord", "cuEventSynchronize",
    ];

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="result"/> is CUDA_SUCCESS.</summary>
    internal static void ThrowIfFailed(int result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result != 0)
            throw new CudaException(call, result, ErrorName(result), ErrorDescription(result));
    }

    internal static string ErrorName(int result)
    {
        byte* name = null;
        return cuGetErrorName(result, &name) == 0 && name != null ? Marshal.PtrToStringUTF8((nint)name) ?? "?" : $"CUresult {result}";
    }

    internal static string ErrorDescription(int result)
    {
        byte* text = null;
        return cuGetErrorString(result, &text) == 0 && text != null ? Marshal.PtrToStringUTF8((nint)text) ?? "?" : "unknown error";
    }

    /// <summary>
    /// cuModuleLoadDataEx with a buffer for the JIT's error log: the driver's result, the module, and what the JIT said (empty when
    /// it said nothing, as for a CUBIN).
    /// </summary>
    internal static int LoadModule(byte[] image, out nint module, out string jitLog)
    {
        const int logBytes = 16 * 1024;
        var log = new byte[logBytes];
        var options = stackalloc CudaJitOption[] { CudaJitOption.ErrorLogBuffer, CudaJitOption.ErrorLogBufferSizeBytes };
        nint loaded = 0;
        int result;
        fixed (byte* i = image)
        fixed (byte* l = log)
        {
            var values = stackalloc void*[] { l, (void*)(nint)(logBytes - 1) };
            result = cuModuleLoadDataEx(&loaded, i, 2, options, values);
            l[logBytes - 1] = 0;
            jitLog = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(l)).Trim();
        }
        module = loaded;
        return result;
    }

    internal static string DeviceName(int device)
    {
        var buffer = stackalloc byte[256];
        ThrowIfFailed(cuDeviceGetName(buffer, 256, device));
        return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(buffer));
    }

    internal static int Attribute(CudaDeviceAttribute attribute, int device)
    {
        int value;
        ThrowIfFailed(cuDeviceGetAttribute(&value, attribute, device));
        return value;
    }
}
