using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Diagnostics;

/// <summary>An error in one line for a diagnostic report, led by its name: a CUDA or NVRTC error code's, else the exception type's.</summary>
public static class ErrorText
{
    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var name = error switch
        {
            CudaException cuda => cuda.CodeName,
            KernelLoadException load => load.ErrorName,
            KernelCompileException compile => compile.ErrorName,
            _ => error.GetType().Name,
        };
        var message = string.Join(' ', error.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{name}: {message}";
    }
}
