using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// The kernels' own <c>.cu</c> sources compiled for the CPU: g++ builds them with <c>src/Gpu/Kernels/Shim/cuda_shim.h</c>
/// (CUDA's built-ins as plain C++) and <c>harness_main.inc</c> (a launcher that takes cuLaunchKernel's <c>void**</c>
/// arguments and loops over the grid) into an executable with AddressSanitizer and UBSan. The tests drive it out of
/// process: buffers travel as files, so an out-of-bounds index aborts the harness with ASan's report instead of the test host.
/// Built once per process into a folder keyed by a hash of every source.
/// </summary>
internal sealed class ShimHarness
{
    private static readonly Lazy<(ShimHarness? Harness, string Reason)> Built = new(() => Build([], builtIns: true));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(ShimHarness? Harness, string Reason)>> WithExtra = new();

    private readonly Dictionary<string, string> _signatures = [];

    private ShimHarness(string path, string directory, TimeSpan buildTime)
    {
        Path = path;
        Directory = directory;
        BuildTime = buildTime;
    }

    public string Path { get; }

    public string Directory { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>The harness, or skips (fails when SC_REQUIRE_NVRTC=1) with why it could not be built.</summary>
    public static ShimHarness Get()
    {
        var (harness, reason) = Built.Value;
        Requirements.Need(harness is not null, reason);
        return harness!;
    }

    /// <summary>
    /// A harness of <paramref name="extra"/> alone (a kernel generated at run time, such as a wrapped pixel effect or a fused
    /// composite; with the headers, without the built-in kernels, so it builds quickly), built once per distinct source; skips or
    /// fails as <see cref="Get()"/>.
    /// </summary>
    public static ShimHarness Get(KernelSource extra)
    {
        var (harness, reason) = WithExtra.GetOrAdd(extra.Name + "\n" + extra.Text, _ => new(() => Build([extra], builtIns: false))).Value;
        Requirements.Need(harness is not null, reason);
        return harness!;
    }

    /// <summary>The kinds of an entry point's parameters, from its C++ signature: 'p' pointer, 'i' int, 'f' float.</summary>
    public string Signature(string entryPoint)
    {
        lock (_signatures)
        {
            if (_signatures.TryGetValue(entryPoint, out var cached))
                return cached;
            var result = Run(["--signature", entryPoint]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"harness --signature {entryPoint} failed: {result.StdErr}");
            return _signatures[entryPoint] = result.StdOut.Trim().Replace(" ", "", StringComparison.Ordinal);
        }
    }

    public (int ExitCode, string StdOut, string StdErr) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=0:exitcode=86";
        start.Environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>The repository folder holding the shim (walks up from the test binaries).</summary>
    public static string? FindShimSources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "src", "Gpu", "Kernels", "Shim");
            if (File.Exists(System.IO.Path.Combine(candidate, "cuda_shim.h")))
                return candidate;
        }
        return null;
    }

    public static string? FindCompiler() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "g++"))
            .FirstOrDefault(File.Exists);

    private static (ShimHarness?, string) Build(IReadOnlyList<KernelSource> extra, bool builtIns)
    {
        var compiler = FindCompiler();
        if (compiler is null)
            return (null, "g++ is not installed, so the kernels cannot be compiled for the CPU (apt-get install g++)");
        var shim = FindShimSources();
        if (shim is null)
            return (null, $"src/Gpu/Kernels/Shim was not found above {AppContext.BaseDirectory}");

        var shimFiles = new[] { "cuda_shim.h", "harness_main.inc" }.Select(f => (Name: f, Text: File.ReadAllText(System.IO.Path.Combine(shim, f)))).ToArray();
        var kernels = (builtIns ? KernelSources.All : []).Concat(extra).ToArray();
        var sources = KernelSources.Headers.Concat(kernels).ToArray();
        var generated = new StringBuilder();
        generated.AppendLine("// Generated by ShimHarness: the kernels, then the launcher over their entry points.");
        generated.AppendLine("#include \"cuda_shim.h\"");
        foreach (var kernel in kernels)
            generated.AppendLine($"#include \"{kernel.FileName}\"");
        generated.Append("#define SC_SHIM_KERNELS(X)");
        foreach (var entry in kernels.SelectMany(k => k.EntryPoints))
            generated.Append($" X({entry})");
        generated.AppendLine();
        generated.AppendLine("#include \"harness_main.inc\"");

        var hashInput = string.Join("\n--\n", shimFiles.Select(f => f.Name + "\n" + f.Text).Concat(sources.Select(s => s.FileName + "\n" + s.Text)).Append(generated.ToString()));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashInput)))[..16];
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scriptcomposer-shim", hash);
        var harness = System.IO.Path.Combine(directory, "harness");
        if (File.Exists(harness))
            return (new ShimHarness(harness, directory, TimeSpan.Zero), "");

        System.IO.Directory.CreateDirectory(directory);
        foreach (var (name, text) in shimFiles)
            File.WriteAllText(System.IO.Path.Combine(directory, name), text);
        foreach (var source in sources)
            File.WriteAllText(System.IO.Path.Combine(directory, source.FileName), source.Text);
        var main = System.IO.Path.Combine(directory, "harness.gen.cpp");
        File.WriteAllText(main, generated.ToString());

        var temp = $"{harness}.{Environment.ProcessId}.tmp";
        var start = new ProcessStartInfo(compiler)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        // -ffp-contract=off: no FMA contraction, as in the C# twins and NVRTC's --fmad=false.
        foreach (var arg in new[]
                 {
                     "-std=c++17", "-O1", "-g", "-fno-omit-frame-pointer", "-ffp-contract=off",
                     "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                     "-Wall", "-Wextra", "-Werror", "-Wno-unused-function",
                     "-I", directory, "-o", temp, main,
                 })
            start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ShimBuildException($"g++ could not build the kernel harness in {directory}:\n{stderr.GetAwaiter().GetResult()}", stderr.GetAwaiter().GetResult());
        File.Move(temp, harness, overwrite: true);
        return (new ShimHarness(harness, directory, clock.Elapsed), "");
    }
}
