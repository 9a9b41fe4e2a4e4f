using System.Text.RegularExpressions;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>One <c>Kernels/*.cu</c> file: its name ("composite"), its text, and its <c>extern "C" __global__</c> entry points.</summary>
public sealed partial record KernelSource(string Name, string FileName, string Text)
{
    public IReadOnlyList<string> EntryPoints { get; } = EntryPointPattern().Matches(Text).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex("""extern\s+"C"\s+__global__\s+void\s+(\w+)\s*\(""")]
    private static partial Regex EntryPointPattern();
}
