using System.Diagnostics;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// Renders one chunk of a video output into a work dir: its frames as a video-only segment (<see cref="SegmentFormat"/>),
/// proven whole and renamed into place like any output, then its <see cref="ChunkManifest"/>. A chunk already done (see
/// <see cref="ChunkFiles.Problem"/>) is left as it is, so a render started again in the same work dir does only what is missing.
/// </summary>
public static class ChunkRenderer
{
    /// <summary>The manifest this chunk of <paramref name="output"/> has once rendered (without its segment's name, size and hash).</summary>
    public static ChunkManifest Expected(VideoOutput output, int outputIndex, ChunkIndex chunk, RenderRange range, RenderIdentity identity)
    {
        var (first, end, fps) = RenderJob.Frames(output, range);
        var (a, b) = chunk.FramesOf(first, end);
        var spec = SegmentFormat.Spec(output, fps, "SEGMENT", a - first);
        return new ChunkManifest
        {
            Chunk = chunk.Index,
            Chunks = chunk.Count,
            Output = outputIndex,
            OutputPath = output.Path,
            FirstFrame = a,
            EndFrame = b,
            Fps = fps.ToString(),
            Encoding = string.Join(' ', VideoEncoder.BuildArguments(spec, "INPUT")),
            Render = identity,
        };
    }

    /// <summary>Renders the chunk unless it is done; returns its manifest and whether it was rendered now.</summary>
    public static (ChunkManifest Manifest, bool Rendered) Render(VideoOutput output, int outputIndex, ChunkIndex chunk, RenderRange range, string workDir,
        RenderIdentity identity, IComputeBackend backend, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        var expected = Expected(output, outputIndex, chunk, range, identity);
        if (ChunkFiles.Problem(workDir, expected) is null)
            return (expected, false);
        using var paths = output.ResolvingPaths();
        var manifestPath = ChunkFiles.ManifestPath(workDir, outputIndex, chunk);
        // A manifest never stands beside a segment it does not describe, even for a moment.
        File.Delete(manifestPath);
        var manifest = expected;
        if (expected.Frames > 0)
        {
            var (first, _, fps) = RenderJob.Frames(output, range);
            var segment = Path.Combine(workDir, ChunkFiles.Stem(outputIndex, chunk) + SegmentFormat.Of(output).Extension);
            var spec = SegmentFormat.Spec(output, fps, segment, expected.FirstFrame - first);
            using (OpenedMedia.WhileRendering())
            {
                RenderJob.EncodeFrames(output.Clip, spec, null, backend, expected.FirstFrame, expected.EndFrame, Stopwatch.StartNew(), progress, cancellation);
                // The join puts the output in place without running the script's code: a file this chunk's frames read is refused here.
                OpenedMedia.RequireNotOpened(output.Path);
            }
            manifest = expected with { Segment = Path.GetFileName(segment), Bytes = new FileInfo(segment).Length, Sha256 = ChunkFiles.HashOf(segment) };
        }
        OutputFile.WriteAtomically(manifestPath, temporary => File.WriteAllText(temporary, manifest.ToJson()));
        return (manifest, true);
    }

    /// <summary>
    /// Records a chunk that holds no frame (more chunks than frames) as done, without a segment: what <see cref="Render"/>
    /// does for it, with no backend and no process of its own.
    /// </summary>
    public static void RecordEmpty(string workDir, ChunkManifest expected)
    {
        if (expected.Frames != 0)
            throw new ArgumentException($"Chunk {expected.Chunk} holds {expected.Frames} frames.", nameof(expected));
        OutputFile.WriteAtomically(ChunkFiles.ManifestPath(workDir, expected.Output, new ChunkIndex(expected.Chunk, expected.Chunks)),
            temporary => File.WriteAllText(temporary, expected.ToJson()));
    }
}
