namespace ScriptComposer.Host.Chunks;

/// <summary>How to start this same sc as another process (a chunk worker, a Slurm task): the command's first words.</summary>
internal static class ScLauncher
{
    /// <summary>
    /// <c>[dotnet, /full/sc.dll]</c> when this process is the dotnet host running sc.dll, <c>[/full/sc]</c> when it is sc's own
    /// executable, and otherwise (sc's code run inside another program, such as the tests) the dotnet host that runs that program.
    /// </summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ScLauncher).Assembly.Location;
        var name = Path.GetFileNameWithoutExtension(process);
        if (name == "dotnet")
            return [process, dll];
        if (name == "sc" && System.Reflection.Assembly.GetEntryAssembly() == typeof(ScLauncher).Assembly)
            return [process];
        var host = Configuration.ScOptions.Current.DotnetHostPath is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk
            : Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet") is var guess && File.Exists(guess) ? Path.GetFullPath(guess)
            : "dotnet";
        return [host, dll];
    }
}
