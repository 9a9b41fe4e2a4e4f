using System.Runtime.CompilerServices;

namespace ScriptComposer.Tests.Support;

/// <summary>Files of the checkout the tests read (never write): scripts/*.csx and their media.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root, found from this file's compile-time path (tests/Support/..).</summary>
    public static string Root { get; } = FindRoot();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
        if (File.Exists(Path.Combine(fromSource, "scripts", "hello.csx")))
            return fromSource;
        // Built elsewhere: walk up from the test binaries.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "hello.csx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Cannot find the repository (scripts/hello.csx) from {fromSource} or {AppContext.BaseDirectory}.");
    }
}
