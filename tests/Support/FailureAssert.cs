namespace ScriptComposer.Tests.Support;

/// <summary>What every refused command must look like: a non-zero exit, one clear message, nothing left behind.</summary>
internal static class FailureAssert
{
    /// <summary>
    /// Asserts a non-zero exit code; a message on stderr holding every one of <paramref name="keywords"/>
    /// (case-insensitive) and no .NET stack trace; no file at <paramref name="output"/> (when given); no
    /// <c>.partial</c> temporary file anywhere in <paramref name="folder"/>; and no ffmpeg child working in it.
    /// </summary>
    public static void Clean(ScResult result, TempFolder folder, string? output, params string[] keywords)
    {
        Assert.True(result.ExitCode != 0, $"Expected a non-zero exit code.\n{result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), $"Expected an error message on stderr.\n{result}");
        foreach (var keyword in keywords)
            Assert.True(result.Stderr.Contains(keyword, StringComparison.OrdinalIgnoreCase), $"The error message should mention \"{keyword}\".\n{result}");
        NoStackTrace(result);
        if (output is not null)
            Assert.False(File.Exists(output), $"A failed command left '{output}' behind.\n{result}");
        NoPartialFiles(folder);
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }

    /// <summary>No line of stderr looks like a stack frame ("   at Namespace.Type.Method(...)").</summary>
    public static void NoStackTrace(ScResult result)
    {
        var frames = result.Stderr.Split('\n').Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains('(')).ToList();
        Assert.True(frames.Count == 0, $"The message carries a stack trace without --verbose:\n{string.Join('\n', frames)}\n{result}");
    }

    /// <summary>No temporary output (".name.partial-xxxx.ext") anywhere in the folder.</summary>
    public static void NoPartialFiles(TempFolder folder)
    {
        var partial = folder.Files().Where(f => Path.GetFileName(f).Contains(".partial", StringComparison.Ordinal)).ToList();
        Assert.True(partial.Count == 0, $"Temporary files were left in {folder.Path}: {string.Join(", ", partial)}");
    }
}
