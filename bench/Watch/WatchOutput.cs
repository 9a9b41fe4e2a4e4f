using System.Diagnostics;

namespace ScriptComposer.Bench.Watch;

/// <summary>Reads a real <c>sc watch</c> process's standard output, for the benches that drive one.</summary>
internal static class WatchOutput
{
    /// <summary>The line <c>sc watch</c> prints for reload number <paramref name="reload"/> (two minutes at most).</summary>
    public static async Task<string> ReloadLine(Process sc, int reload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await sc.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains($" reload {reload}: ", StringComparison.Ordinal))
                return line;
        }
        throw new InvalidOperationException($"sc watch ended before reload {reload}.");
    }
}
