using System.Reflection;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>The kernel sources embedded in this assembly (<c>Kernels/*.cu</c>) and the headers they include (<c>Kernels/*.cuh</c>).</summary>
public static class KernelSources
{
    private const string Prefix = "ScriptComposer.Gpu.Kernels.";

    private static readonly Lazy<(IReadOnlyList<KernelSource> Kernels, IReadOnlyList<KernelSource> Headers)> Loaded = new(Load);
    private static readonly Lazy<Dictionary<string, KernelSource>> ByEntryPoint = new(() =>
        All.SelectMany(k => k.EntryPoints.Select(e => (Entry: e, Kernel: k))).ToDictionary(p => p.Entry, p => p.Kernel, StringComparer.Ordinal));

    /// <summary>Every kernel, by file name order.</summary>
    public static IReadOnlyList<KernelSource> All => Loaded.Value.Kernels;

    /// <summary>Every header; each is given to NVRTC under its file name, so <c>#include "common.cuh"</c> resolves.</summary>
    public static IReadOnlyList<KernelSource> Headers => Loaded.Value.Headers;

    public static KernelSource Get(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"There is no kernel '{name}'; the kernels are {string.Join(", ", All.Select(k => k.Name))}.", nameof(name));

    /// <summary>The kernel whose <c>extern "C"</c> entry point is <paramref name="entryPoint"/> (entry points are unique across the files).</summary>
    public static KernelSource OfEntryPoint(string entryPoint) =>
        ByEntryPoint.Value.TryGetValue(entryPoint, out var kernel)
            ? kernel
            : throw new ArgumentException($"No kernel has the entry point '{entryPoint}'.", nameof(entryPoint));

    private static (IReadOnlyList<KernelSource>, IReadOnlyList<KernelSource>) Load()
    {
        var assembly = typeof(KernelSources).Assembly;
        var kernels = new List<KernelSource>();
        var headers = new List<KernelSource>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = resource[Prefix.Length..];
            var text = Read(assembly, resource);
            if (fileName.EndsWith(".cu", StringComparison.Ordinal))
                kernels.Add(new KernelSource(fileName[..^3], fileName, text));
            else if (fileName.EndsWith(".cuh", StringComparison.Ordinal))
                headers.Add(new KernelSource(fileName[..^4], fileName, text));
        }
        return (kernels, headers);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
