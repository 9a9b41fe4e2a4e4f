using System.Globalization;
using System.Text.RegularExpressions;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// Where NVRTC may be, and which of those found to take. NVRTC comes with Debian's packages (a soname the system loader finds),
/// the CUDA toolkit (<c>$CUDA_HOME/lib64</c>, <c>/usr/local/cuda*/lib64</c>, not on the loader's path unless someone put it there)
/// and the <c>nvidia-cuda-nvrtc</c> pip wheels (<c>site-packages/nvidia/cuda_nvrtc/lib</c>). The newest NVRTC the driver can run
/// is taken: one newer than the driver's CUDA version compiles PTX the driver refuses, so it is passed over for an older one, and
/// only taken when there is nothing else (the loader then says the driver is too old). <c>libnvrtc.so</c> without a version is a
/// development symlink: tried last.
/// </summary>
internal static partial class NvrtcSearch
{
    /// <summary>The sonames the system loader is asked for after the folders, newest first (11.2+ all use libnvrtc.so.11.2).</summary>
    internal static readonly string[] Sonames =
    [
        "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0",
        "nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll",
    ];

    /// <summary>The development symlink, tried only after every versioned name.</summary>
    internal const string DevelopmentName = "libnvrtc.so";

    /// <summary>
    /// Every candidate, in the order tried: versioned files in the toolkit and wheel folders (each folder's newest first), then the
    /// sonames, then the development name. <paramref name="environment"/> reads a variable; <paramref name="root"/> is the filesystem
    /// root the fixed folders are under ("/", or a test's folder).
    /// </summary>
    public static IReadOnlyList<string> Candidates(Func<string, string?> environment, string root = "/")
    {
        var candidates = new List<string>();
        foreach (var folder in Folders(environment, root))
        {
            if (!Directory.Exists(folder))
                continue;
            var files = Directory.EnumerateFiles(folder, "libnvrtc.so.*")
                .Where(f => VersionedFile().IsMatch(Path.GetFileName(f)))
                .OrderByDescending(f => VersionOfFile(f))
                .ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
                if (!candidates.Contains(file))
                    candidates.Add(file);
        }
        candidates.AddRange(Sonames);
        candidates.Add(DevelopmentName);
        return candidates;
    }

    /// <summary>The folders searched, in order: $CUDA_HOME, $CUDA_PATH, /usr/local/cuda, /usr/local/cuda-X.Y (newest first), the wheels.</summary>
    internal static IEnumerable<string> Folders(Func<string, string?> environment, string root)
    {
        foreach (var variable in new[] { "CUDA_HOME", "CUDA_PATH", "CUDA_ROOT" })
        {
            if (environment(variable) is not { Length: > 0 } home)
                continue;
            yield return Path.Combine(home, "lib64");
            yield return Path.Combine(home, "lib");
            yield return Path.Combine(home, "targets", "x86_64-linux", "lib");
        }
        var local = Path.Combine(root, "usr", "local");
        yield return Path.Combine(local, "cuda", "lib64");
        yield return Path.Combine(local, "cuda", "targets", "x86_64-linux", "lib");
        if (Directory.Exists(local))
        {
            var toolkits = Directory.EnumerateDirectories(local, "cuda-*")
                .Select(d => (Folder: d, Version: Version.TryParse(Path.GetFileName(d)["cuda-".Length..], out var v) ? v : null))
                .Where(t => t.Version is not null)
                .OrderByDescending(t => t.Version);
            foreach (var (folder, _) in toolkits)
                yield return Path.Combine(folder, "lib64");
        }
        foreach (var prefix in WheelPrefixes(environment, root))
        {
            var lib = Path.Combine(prefix, "lib");
            if (!Directory.Exists(lib))
                continue;
            foreach (var python in Directory.EnumerateDirectories(lib, "python3*").Order(StringComparer.Ordinal).Reverse())
                foreach (var packages in new[] { "site-packages", "dist-packages" })
                    yield return Path.Combine(python, packages, "nvidia", "cuda_nvrtc", "lib");
        }
        yield return Path.Combine(root, "usr", "lib", "python3", "dist-packages", "nvidia", "cuda_nvrtc", "lib");
    }

    private static IEnumerable<string> WheelPrefixes(Func<string, string?> environment, string root)
    {
        foreach (var variable in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
            if (environment(variable) is { Length: > 0 } prefix)
                yield return prefix;
        if (environment("HOME") is { Length: > 0 } home)
            yield return Path.Combine(home, ".local");
        yield return Path.Combine(root, "usr", "local");
        yield return Path.Combine(root, "usr");
        yield return Path.Combine(root, "opt", "conda");
    }

    /// <summary>
    /// Which of the NVRTCs found to take: the newest whose major version the driver runs (its CUDA major, when a driver is known),
    /// else the newest of all. The reasons for passing over newer ones are returned too.
    /// </summary>
    public static (int Index, IReadOnlyList<string> Passed) Choose(IReadOnlyList<(string Name, Version Version)> found, int? driverMajor)
    {
        if (found.Count == 0)
            return (-1, []);
        var runnable = Enumerable.Range(0, found.Count).Where(i => driverMajor is null || found[i].Version.Major <= driverMajor).ToArray();
        var pool = runnable.Length > 0 ? runnable : Enumerable.Range(0, found.Count).ToArray();
        var best = pool.OrderByDescending(i => found[i].Version).ThenBy(i => i).First();
        var passed = Enumerable.Range(0, found.Count)
            .Where(i => found[i].Version > found[best].Version)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"NVRTC {found[i].Version.Major}.{found[i].Version.Minor} ({found[i].Name}) is newer than the driver's CUDA {driverMajor}"))
            .ToArray();
        return (best, passed);
    }

    /// <summary>The version in a file name such as libnvrtc.so.12.4.127 (12.4.127), or 0 when it has none.</summary>
    internal static Version VersionOfFile(string path)
    {
        var digits = Path.GetFileName(path)["libnvrtc.so.".Length..].Split('.');
        var parts = digits.Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Concat([0, 0, 0, 0]).Take(4).ToArray();
        return new Version(parts[0], parts[1], parts[2], parts[3]);
    }

    [GeneratedRegex(@"^libnvrtc\.so\.\d+(\.\d+)*$")]
    private static partial Regex VersionedFile();
}
