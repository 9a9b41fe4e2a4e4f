namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// The names and meanings of the CUresult codes a module load or a launch can return, as cuGetErrorName and cuGetErrorString give
/// them, for where there is no driver to ask (and the driver's own answer where there is).
/// </summary>
internal static class CudaResultText
{
    private static readonly Dictionary<int, (string Name, string Description)> Known = new()
    {
        [(int)CudaResult.InvalidValue] = ("CUDA_ERROR_INVALID_VALUE", "invalid argument"),
        [(int)CudaResult.OutOfMemory] = ("CUDA_ERROR_OUT_OF_MEMORY", "out of memory"),
        [(int)CudaResult.NotInitialized] = ("CUDA_ERROR_NOT_INITIALIZED", "initialization error"),
        [(int)CudaResult.NoDevice] = ("CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"),
        [(int)CudaResult.InvalidImage] = ("CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"),
        [(int)CudaResult.InvalidContext] = ("CUDA_ERROR_INVALID_CONTEXT", "invalid device context"),
        [(int)CudaResult.NoBinaryForGpu] = ("CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"),
        [(int)CudaResult.InvalidPtx] = ("CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"),
        [(int)CudaResult.JitCompilerNotFound] = ("CUDA_ERROR_JIT_COMPILER_NOT_FOUND", "PTX JIT compiler library not found"),
        [(int)CudaResult.UnsupportedPtxVersion] = ("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain"),
        [(int)CudaResult.JitCompilationDisabled] = ("CUDA_ERROR_JIT_COMPILATION_DISABLED", "PTX JIT compilation was disabled"),
        [(int)CudaResult.InvalidSource] = ("CUDA_ERROR_INVALID_SOURCE", "device kernel image is invalid"),
        [(int)CudaResult.FileNotFound] = ("CUDA_ERROR_FILE_NOT_FOUND", "file not found"),
        [(int)CudaResult.SharedObjectInitFailed] = ("CUDA_ERROR_SHARED_OBJECT_INIT_FAILED", "shared object initialization failed"),
        [(int)CudaResult.NotFound] = ("CUDA_ERROR_NOT_FOUND", "named symbol not found"),
        [(int)CudaResult.IllegalAddress] = ("CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"),
        [(int)CudaResult.LaunchFailed] = ("CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"),
    };

    /// <summary>The code's name, e.g. CUDA_ERROR_NO_BINARY_FOR_GPU: the driver's when it can say, else this table's, else "CUresult n".</summary>
    public static string Name(int result) =>
        DriverText(result, name: true) ?? (Known.TryGetValue(result, out var known) ? known.Name : $"CUresult {result}");

    /// <summary>The code's meaning, as <see cref="Name"/>.</summary>
    public static string Description(int result) =>
        DriverText(result, name: false) ?? (Known.TryGetValue(result, out var known) ? known.Description : "unknown error");

    /// <summary>The codes a module load returns when the driver refuses the image itself (rather than running out of something).</summary>
    public static bool IsImageRefused(int result) => result is (int)CudaResult.InvalidImage or (int)CudaResult.NoBinaryForGpu
        or (int)CudaResult.InvalidPtx or (int)CudaResult.UnsupportedPtxVersion or (int)CudaResult.JitCompilerNotFound
        or (int)CudaResult.JitCompilationDisabled or (int)CudaResult.InvalidSource or (int)CudaResult.SharedObjectInitFailed;

    private static string? DriverText(int result, bool name)
    {
        if (!NativeLibraries.DriverIfLoaded)
            return null;
        try
        {
            var text = name ? CudaDriver.ErrorName(result) : CudaDriver.ErrorDescription(result);
            return text.StartsWith("CUresult ", StringComparison.Ordinal) || text == "unknown error" ? null : text;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
