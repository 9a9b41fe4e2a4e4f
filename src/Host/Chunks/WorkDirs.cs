using System.Text.Json;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// Makes ready the work dir of a chunked, batch or Slurm render, refusing one that would lose something of the user's: a
/// path that is a file, a folder that is also an output, or a folder holding a <c>render.json</c> sc did not write (which
/// the render would replace); and, for the other files a render writes or removes there (a Slurm render's job scripts and
/// logs), one that is an input of the script, or any at all while the folder is not yet a work dir of sc's.
/// </summary>
internal static class WorkDirs
{
    /// <summary>
    /// Checks <paramref name="workDir"/> against the render's <paramref name="outputs"/> and makes it when missing; refuses one
    /// that holds the render.json of another render (<see cref="RenderRequest.IsSameRenderAs"/>), which this one would take
    /// over: its chunks, logs and report replaced, and its join then joining this render's.
    /// </summary>
    public static void Prepare(string workDir, IEnumerable<string> outputs, RenderRequest request)
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
        if (!File.Exists(Path.Combine(workDir, RenderRequest.FileName)))
            return;
        if (WrittenBySc(workDir) is not { } previous)
            throw new ScriptComposerException(
                $"The work dir '{workDir}' holds a {RenderRequest.FileName} that sc did not write, which the render would replace. " +
                "Give --work-dir an empty folder, or one a chunked render used before.");
        if (!previous.IsSameRenderAs(request))
            throw new ScriptComposerException(
                $"The work dir '{workDir}' belongs to another render (sc render {previous.Description}), whose chunks and logs this one " +
                $"(sc render {request.Description}) would take over. Give this render a --work-dir of its own, or remove that folder once the other render is done with it.");
    }

    /// <summary>
    /// Refuses to let the render replace or remove the files at <paramref name="paths"/> in <paramref name="workDir"/> (made
    /// ready by <see cref="Prepare"/>) when one is an input of the script (any of <paramref name="inputs"/>, by file
    /// identity, so a link or another spelling counts), is a folder, or is there while the folder holds no render.json of
    /// sc's: then nothing there is sc's to replace.
    /// </summary>
    public static void CheckReplaceable(string workDir, IEnumerable<string> paths, IEnumerable<string> inputs)
    {
        var isScs = File.Exists(Path.Combine(workDir, RenderRequest.FileName));
        var inputIdentities = inputs.Distinct(StringComparer.Ordinal).Select(i => (Path: i, Identity: FileIdentity.Of(i))).Where(i => i.Identity is not null).ToList();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                throw new ScriptComposerException(
                    $"The work dir '{workDir}' holds a folder '{path}' where the render writes a file of its own. Move it away, or give --work-dir an empty folder.");
            if (FileIdentity.Of(path) is not { } identity)
                continue;
            if (inputIdentities.FirstOrDefault(i => i.Identity!.SameFileAs(identity)) is { Path: { } input })
                throw new ScriptComposerException(
                    $"The work dir '{workDir}' holds '{path}', which is an input of the script{(Path.GetFullPath(input) == path ? "" : $" (it reads it as '{input}')")} and which the render would replace. " +
                    "Give --work-dir a folder of its own, such as an empty one beside the output.");
            if (!isScs)
                throw new ScriptComposerException(
                    $"The work dir '{workDir}' holds '{path}', which sc did not write and the render would replace. " +
                    "Move it away, or give --work-dir an empty folder (or one a render of sc used before).");
        }
    }

    /// <summary>The render.json in <paramref name="workDir"/>, or null when sc did not write it.</summary>
    private static RenderRequest? WrittenBySc(string workDir)
    {
        try
        {
            return RenderRequest.Read(workDir);
        }
        catch (ScriptComposerException e) when (e.InnerException is JsonException)
        {
            return null;
        }
    }
}
