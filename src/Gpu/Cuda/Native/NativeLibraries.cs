using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// Finds the CUDA driver and NVRTC for the <c>[LibraryImport]</c> bindings: <see cref="CudaDriver.Library"/> resolves to
/// <c>libcuda.so.1</c>, probed first; <see cref="Nvrtc.Library"/> to <c>SC_NVRTC_PATH</c> when set, else the newest NVRTC the driver
/// can run among those <see cref="NvrtcSearch"/> finds. With NVRTC, its <c>libnvrtc-builtins.so.&lt;major&gt;.&lt;minor&gt;</c> is loaded
/// from the same folder (NVRTC opens it by name at its first compile, where the system loader may not look). Loading never throws;
/// failures are remembered as reasons.
/// </summary>
internal static unsafe class NativeLibraries
{
    internal static readonly string[] DriverCandidates = ["libcuda.so.1", "libcuda.so", "nvcuda.dll"];

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static LoadResult? _driver;
    private static LoadResult? _nvrtc;
    private static NvrtcLocation _location = NvrtcLocation.Default;

    /// <summary>Where NVRTC is looked for; set before it is first loaded (a later change is not seen).</summary>
    internal static NvrtcLocation Location
    {
        get
        {
            lock (Gate)
                return _location;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (Gate)
                _location = value;
        }
    }

    internal sealed record LoadResult(nint Handle, string? Name, string? Failure)
    {
        public bool Loaded => Handle != 0;

        /// <summary>NVRTC's version (nvrtcVersion), when this is NVRTC.</summary>
        public Version? Version { get; init; }

        /// <summary>The file the library was loaded from, where it can be told (for NVRTC: where its builtins are looked for).</summary>
        public string? File { get; init; }

        /// <summary>Newer NVRTCs found and passed over, with why.</summary>
        public IReadOnlyList<string> Passed { get; init; } = [];

        /// <summary>NVRTC's builtins library as loaded, or why it could not be (null when not NVRTC).</summary>
        public string? Builtins { get; init; }

        public bool BuiltinsLoaded { get; init; }
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
                return _driver ??= LoadDriver();
        }
    }

    /// <summary>True when the driver has already been loaded (asking does not load it).</summary>
    internal static bool DriverIfLoaded
    {
        get
        {
            lock (Gate)
                return _driver is { Loaded: true };
        }
    }

    internal static LoadResult NvrtcLibrary
    {
        get
        {
            lock (Gate)
                return _nvrtc ??= LoadNvrtc(_location);
        }
    }

    /// <summary>True when <paramref name="library"/> exports <paramref name="name"/> (to detect a driver or NVRTC too old for a call).</summary>
    internal static bool HasExport(LoadResult library, string name) =>
        library.Loaded && NativeLibrary.TryGetExport(library.Handle, name, out _);

    private static LoadResult LoadDriver()
    {
        foreach (var name in DriverCandidates)
            if (NativeLibrary.TryLoad(name, out var handle))
                return new LoadResult(handle, name, null);
        return new LoadResult(0, null, $"none of {string.Join(", ", DriverCandidates.Where(c => !c.EndsWith(".dll", StringComparison.Ordinal)))} could be loaded");
    }

    /// <summary>The driver's CUDA major version (cuDriverGetVersion, which needs no cuInit), or null without a driver.</summary>
    private static int? DriverCudaMajor()
    {
        var driver = _driver ??= LoadDriver();
        if (!driver.Loaded || !NativeLibrary.TryGetExport(driver.Handle, "cuDriverGetVersion", out var export))
            return null;
        int version;
        return ((delegate* unmanaged<int*, int>)export)(&version) == 0 ? version / 1000 : null;
    }

    private static LoadResult LoadNvrtc(NvrtcLocation location)
    {
        var overridePath = location.Path;
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return NativeLibrary.TryLoad(overridePath, out var handle)
                ? WithBuiltins(new LoadResult(handle, overridePath, null) { Version = VersionOf(handle), File = FileOf(handle) ?? overridePath })
                : new LoadResult(0, null, $"{overridePath} (from SC_NVRTC_PATH) could not be loaded");
        }
        var candidates = NvrtcSearch.Candidates(location.Variable);
        var found = new List<(nint Handle, string Name, Version Version)>();
        foreach (var name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
                continue;
            if (VersionOf(handle) is { } version && found.All(f => f.Handle != handle))
                found.Add((handle, name, version));
            else if (found.All(f => f.Handle != handle))
                NativeLibrary.Free(handle);
        }
        if (found.Count == 0)
            return new LoadResult(0, null, $"none of {string.Join(", ", candidates.Where(c => !c.EndsWith(".dll", StringComparison.Ordinal)))} could be loaded");
        var (chosen, passed) = NvrtcSearch.Choose([.. found.Select(f => (f.Name, f.Version))], DriverCudaMajor());
        for (var i = 0; i < found.Count; i++)
            if (i != chosen)
                NativeLibrary.Free(found[i].Handle);
        var (h, n, v) = found[chosen];
        return WithBuiltins(new LoadResult(h, n, null) { Version = v, File = FileOf(h) ?? (Path.IsPathRooted(n) ? n : null), Passed = passed });
    }

    /// <summary>nvrtcVersion through the library's own export (several NVRTCs may be open while one is chosen).</summary>
    private static Version? VersionOf(nint handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "nvrtcVersion", out var export))
            return null;
        int major, minor;
        return ((delegate* unmanaged<int*, int*, int>)export)(&major, &minor) == 0 ? new Version(major, minor) : null;
    }

    /// <summary>Loads libnvrtc-builtins.so.&lt;major&gt;.&lt;minor&gt; from NVRTC's folder, else by name, and says which or why not.</summary>
    private static LoadResult WithBuiltins(LoadResult nvrtc)
    {
        if (nvrtc.Version is not { } version || OperatingSystem.IsWindows())
            return nvrtc;
        var name = string.Create(CultureInfo.InvariantCulture, $"libnvrtc-builtins.so.{version.Major}.{version.Minor}");
        var folder = nvrtc.File is { } file ? Path.GetDirectoryName(file) : null;
        var besides = folder is null ? null : Path.Combine(folder, name);
        if (besides is not null && File.Exists(besides) && NativeLibrary.TryLoad(besides, out _))
            return nvrtc with { Builtins = besides, BuiltinsLoaded = true };
        if (NativeLibrary.TryLoad(name, out _))
            return nvrtc with { Builtins = name, BuiltinsLoaded = true };
        return nvrtc with { Builtins = $"{name} was found neither {(folder is null ? "next to NVRTC" : $"in {folder}")} nor by the system loader" };
    }

    /// <summary>The file a loaded library came from: the mapping that holds one of its exports, from /proc/self/maps (Linux).</summary>
    private static string? FileOf(nint handle)
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryGetExport(handle, "nvrtcVersion", out var export))
            return null;
        try
        {
            var address = (ulong)export;
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var dash = line.IndexOf('-', StringComparison.Ordinal);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (dash < 0 || space < dash || slash < 0)
                    continue;
                if (ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                    && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                    && address >= start && address < end)
                    return line[slash..].Trim();
            }
        }
        catch (IOException)
        {
        }
        return null;
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
