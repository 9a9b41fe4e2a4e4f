using System.Text.Json;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// Makes ready the work dir of a chunked, batch or Slurm render, refusing one that would lose something of the user's: a
/// path that is a file, a folder that is also an output, or a folder holding a <c>render.json</c> sc did not write (which
/// the render would replace).
/// </summary>
internal static class WorkDirs
{
    /// <summary>Checks <paramref name="workDir"/> against the render's <paramref name="outputs"/> and makes it when missing.</summary>
    public static void Prepare(string workDir, IEnumerable<string> outputs)
    {
        if (File.Exists(workDir))
            throw new ScriptComposerException(
                $"The work dir '{workDir}' is a file. Give --work-dir a folder (it is made when missing), such as '{workDir}.chunks'.");
        var place = FileIdentity.PlaceOf(workDir);
        foreach (var output in outputs)
        {
            if (FileIdentity.PlaceOf(output) == place)
                throw new ScriptComposerException(
                    $"The work dir '{workDir}' is also the output '{output}'. Give --work-dir a folder of its own, such as '{output}.chunks'.");
        }
        Directory.CreateDirectory(workDir);
        var request = Path.Combine(workDir, RenderRequest.FileName);
        if (File.Exists(request) && !WrittenBySc(request))
            throw new ScriptComposerException(
                $"The work dir '{workDir}' holds a {RenderRequest.FileName} that sc did not write, which the render would replace. " +
                "Give --work-dir an empty folder, or one a chunked render used before.");
    }

    private static bool WrittenBySc(string path)
    {
        try
        {
            RenderRequest.Read(Path.GetDirectoryName(path)!);
            return true;
        }
        catch (ScriptComposerException e) when (e.InnerException is JsonException)
        {
            return false;
        }
    }
}
