using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// The NVRTC calls used to compile the kernels (<c>libnvrtc.so</c>, newest version found; see <see cref="NativeLibraries"/>).
/// <c>nvrtcGetSupportedArchs</c> (11.2+) and <c>nvrtcGetCUBIN</c> (11.1+) are optional: check <see cref="NativeLibraries.HasExport"/>.
/// </summary>
internal static unsafe partial class Nvrtc
{
    internal const string Library = "nvrtc";

    static Nvrtc() => NativeLibraries.Register();

    [LibraryImport(Library)] internal static partial byte* nvrtcGetErrorString(int result);
    [LibraryImport(Library)] internal static partial int nvrtcVersion(int* major, int* minor);
    [LibraryImport(Library)] internal static partial int nvrtcGetNumSupportedArchs(int* count);
    [LibraryImport(Library)] internal static partial int nvrtcGetSupportedArchs(int* archs);
    [LibraryImport(Library)]
    internal static partial int nvrtcCreateProgram(nint* program, byte* source, byte* name, int numHeaders, byte** headers, byte** includeNames);
    [LibraryImport(Library)] internal static partial int nvrtcCompileProgram(nint program, int numOptions, byte** options);
    [LibraryImport(Library)] internal static partial int nvrtcGetPTXSize(nint program, nuint* size);
    [LibraryImport(Library)] internal static partial int nvrtcGetPTX(nint program, byte* ptx);
    [LibraryImport(Library)] internal static partial int nvrtcGetCUBINSize(nint program, nuint* size);
    [LibraryImport(Library)] internal static partial int nvrtcGetCUBIN(nint program, byte* cubin);
    [LibraryImport(Library)] internal static partial int nvrtcGetProgramLogSize(nint program, nuint* size);
    [LibraryImport(Library)] internal static partial int nvrtcGetProgramLog(nint program, byte* log);
    [LibraryImport(Library)] internal static partial int nvrtcDestroyProgram(nint* program);

    /// <summary>NVRTC_ERROR_COMPILATION: the source did not compile; the program log says why.</summary>
    internal const int ErrorCompilation = 6;

    internal static readonly string[] RequiredExports =
    [
        "nvrtcGetErrorString", "nvrtcVersion", "nvrtcCreateProgram", "nvrtcCompileProgram", "nvrtcGetPTXSize", "nvrtcGetPTX",
        "nvrtcGetProgramLogSize", "nvrtcGetProgramLog", "nvrtcDestroyProgram",
    ];

    /// <summary>NVRTC_ERROR_BUILTIN_OPERATION_FAILURE: NVRTC could not run its builtins (usually: libnvrtc-builtins is missing).</summary>
    internal const int ErrorBuiltinOperationFailure = 7;

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="result"/> is NVRTC_SUCCESS.</summary>
    internal static void ThrowIfFailed(int result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result != 0)
            throw new CudaException(call, result, ErrorString(result), Describe(result));
    }

    /// <summary>What an nvrtcResult means for the user, and the fix where there is one.</summary>
    internal static string Describe(int result) => result switch
    {
        1 => "NVRTC ran out of memory",
        2 => "NVRTC could not create the program",
        3 => "NVRTC was given an invalid input",
        4 => "NVRTC was given an invalid program",
        5 => "NVRTC does not accept one of the options",
        ErrorCompilation => "the source does not compile; the program log says why",
        ErrorBuiltinOperationFailure => "NVRTC could not run its builtin operations; libnvrtc-builtins of the same version as libnvrtc is missing or does not load (install it next to libnvrtc, e.g. Debian's libnvrtc-builtins package)",
        11 => "NVRTC failed internally",
        _ => "an NVRTC error",
    };

    internal static string ErrorString(int result)
    {
        var text = nvrtcGetErrorString(result);
        return text == null ? $"nvrtcResult {result}" : Marshal.PtrToStringUTF8((nint)text) ?? "?";
    }
}
