namespace ScriptComposer.Bench.EndToEnd;

/// <summary>Where the checkout is: the nearest folder above the working directory or the binary that holds ScriptComposer.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Bench => Path.Combine(Root, "bench");

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ScriptComposer.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the checkout (no ScriptComposer.sln above the working directory or the binary). Run from inside it.");
    }
}
