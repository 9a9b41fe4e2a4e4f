using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// NVRTC did not compile a kernel. Carries the kernel's name, the options it was compiled with, NVRTC's error code by name and its
/// whole program log, whatever the error (a source that does not compile, builtins that do not load, an option it refuses).
/// </summary>
public sealed class KernelCompileException : Exception
{
    public KernelCompileException(string kernelName, IReadOnlyList<string> options, string log, string errorName = "NVRTC_ERROR_COMPILATION", string? meaning = null)
        : base(Describe(kernelName, options, log, errorName, meaning))
    {
        KernelName = kernelName;
        Options = options;
        Log = log;
        ErrorName = errorName;
    }

    public string KernelName { get; }

    public IReadOnlyList<string> Options { get; }

    /// <summary>NVRTC's program log, unabridged (empty when NVRTC gave none).</summary>
    public string Log { get; }

    /// <summary>The nvrtcResult by name, e.g. NVRTC_ERROR_COMPILATION or NVRTC_ERROR_BUILTIN_OPERATION_FAILURE.</summary>
    public string ErrorName { get; }

    /// <summary>The exception for a compile that returned <paramref name="result"/> (not NVRTC_SUCCESS), with its log.</summary>
    internal static KernelCompileException From(int result, string errorName, string kernelName, IReadOnlyList<string> options, string log) =>
        new(kernelName, options, log, errorName, result == Nvrtc.ErrorCompilation ? null : Nvrtc.Describe(result));

    private static string Describe(string kernelName, IReadOnlyList<string> options, string log, string errorName, string? meaning)
    {
        var text = $"NVRTC could not compile kernel '{kernelName}' ({errorName}{(meaning is null ? "" : $": {meaning}")}; options: {string.Join(' ', options)}):";
        return $"{text}{Environment.NewLine}{(string.IsNullOrWhiteSpace(log) ? "(NVRTC gave no log)" : log.TrimEnd())}";
    }
}
