using System.Reflection;
using System.Runtime.InteropServices;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// Finds the CUDA driver and NVRTC for the <c>[LibraryImport]</c> bindings: <see cref="CudaDriver.Library"/> resolves to
/// <c>libcuda.so.1</c>, <see cref="Nvrtc.Library"/> to the newest NVRTC found (<c>SC_NVRTC_PATH</c>, then
/// <c>libnvrtc.so</c>, then versioned names newest first). Loading never throws; failures are remembered as reasons.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>The names tried for NVRTC, newest first (CUDA 13, 12, then 11.x, whose soname is libnvrtc.so.11.2 for every 11.2+).</summary>
    internal static readonly string[] NvrtcCandidates =
    [
        "libnvrtc.so",
        "libnvrtc.so.13", "libnvrtc.so.12",
        "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0",
        "nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll",
    ];

    internal static readonly string[] DriverCandidates = ["libcuda.so.1", "libcuda.so", "nvcuda.dll"];

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static LoadResult? _driver;
    private static LoadResult? _nvrtc;

    internal sealed record LoadResult(nint Handle, string? Name, string? Failure)
    {
        public bool Loaded => Handle != 0;
    }

    /// <summary>Installs the import resolver for this assembly (once; called from the bindings' static constructors).</summary>
    internal static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            _registered = true;
        }
    }

    internal static LoadResult Driver
    {
        get
        {
            lock (Gate)
                return _driver ??= Load(DriverCandidates, null);
        }
    }

    internal static LoadResult NvrtcLibrary
    {
        get
        {
            lock (Gate)
                return _nvrtc ??= Load(NvrtcCandidates, Environment.GetEnvironmentVariable("SC_NVRTC_PATH"));
        }
    }

    /// <summary>True when <paramref name="library"/> exports <paramref name="name"/> (to detect a driver or NVRTC too old for a call).</summary>
    internal static bool HasExport(LoadResult library, string name) =>
        library.Loaded && NativeLibrary.TryGetExport(library.Handle, name, out _);

    private static LoadResult Load(string[] candidates, string? overridePath)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return NativeLibrary.TryLoad(overridePath, out var handle)
                ? new LoadResult(handle, overridePath, null)
                : new LoadResult(0, null, $"{overridePath} (from SC_NVRTC_PATH) could not be loaded");
        }
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
                return new LoadResult(handle, name, null);
        }
        return new LoadResult(0, null, $"none of {string.Join(", ", candidates.Where(c => !c.EndsWith(".dll", StringComparison.Ordinal)))} could be loaded");
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var result = libraryName switch
        {
            CudaDriver.Library => Driver,
            Nvrtc.Library => NvrtcLibrary,
            _ => null,
        };
        if (result is null)
            return 0;
        return result.Loaded ? result.Handle : throw new DllNotFoundException($"{libraryName}: {result.Failure}");
    }
}
