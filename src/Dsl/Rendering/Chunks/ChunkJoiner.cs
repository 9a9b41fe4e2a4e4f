using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// Joins the chunks of a video output into the output: checks that every chunk is there, whole and of this render
/// (naming each one that is not), concatenates the segments without encoding again (ffmpeg's concat demuxer, stream copy,
/// each segment's exact length given so the timestamps run on unbroken), mixes the sound of the whole range once, as a
/// one-process render does, and muxes it in the same ffmpeg run. The output is written like any other: through a
/// temporary file, renamed into place once it reads back with every frame.
/// </summary>
public static class ChunkJoiner
{
    /// <summary>
    /// Joins the <paramref name="count"/> chunks of <paramref name="output"/> in <paramref name="workDir"/>.
    /// <paramref name="howToRender"/> gives the command that renders a chunk again, for the error message.
    /// </summary>
    public static RenderSummary Join(VideoOutput output, int outputIndex, int count, RenderRange range, string workDir, RenderIdentity identity,
        Func<ChunkIndex, string> howToRender, CancellationToken cancellation = default)
    {
        // The sound is mixed here, volume functions and all: the script's relative paths resolve from its folder.
        using var paths = output.ResolvingPaths();
        var clock = Stopwatch.StartNew();
        var (first, end, fps) = RenderJob.Frames(output, range);
        var manifests = new List<ChunkManifest>();
        var problems = new List<(ChunkIndex Chunk, string Problem)>();
        for (var i = 0; i < count; i++)
        {
            var chunk = new ChunkIndex(i, count);
            var expected = ChunkRenderer.Expected(output, outputIndex, chunk, range, identity);
            if (ChunkFiles.Problem(workDir, expected) is { } problem)
                problems.Add((chunk, problem));
            else
                manifests.Add(ChunkManifest.Read(ChunkFiles.ManifestPath(workDir, outputIndex, chunk))!);
        }
        if (problems.Count > 0)
            throw new ScriptComposerException(
                $"'{output.Path}' cannot be joined from the chunks in '{workDir}':\n" +
                string.Concat(problems.Select(p => $"  chunk {p.Chunk}: {p.Problem}\n")) +
                $"Render {(problems.Count == 1 ? "it" : "them")} again ({howToRender(problems[0].Chunk)}{(problems.Count > 1 ? ", and so on" : "")}), " +
                "or run the whole render again with the same --work-dir: it renders only the chunks that are not done.");

        var list = OutputFile.TemporaryPathFor(Path.Combine(workDir, $"o{outputIndex}.concat.txt"));
        CleanupRegistry.Track(list);
        try
        {
            File.WriteAllText(list, ConcatList(manifests, workDir, fps, SegmentFormat.CountsInMilliseconds(output)));
            var frames = end - first;
            using var audio = output.Audio is { } settings ? RenderJob.Mix(output.Clip, output.Path, settings, fps.TimeOf(first), fps.TimeOf(end), orSilence: false) : null;
            OutputFile.WriteAtomically(output.Path, temporary => Mux(output, list, audio, temporary, cancellation),
                temporary => OutputProbe.RequireVideo(OutputProbe.Read(temporary, output.Path), output.Path, frames, fps.TimeOf(frames), fps.TimeOf(1), audio is not null));
            return new RenderSummary(output.Path, frames, fps.TimeOf(frames), clock.Elapsed, new FileInfo(output.Path).Length) { JoinOnly = true };
        }
        finally
        {
            File.Delete(list);
            CleanupRegistry.Forget(list);
        }
    }

    /// <summary>
    /// The concat demuxer's list: each segment by its absolute path in <paramref name="workDir"/> with its length, which the
    /// demuxer then adds up instead of the container's rounded duration. Not by a name relative to the list: the demuxer
    /// resolves that against the list's path read as a URL, which ends at a '#' or '?' in a folder's name, so a work dir
    /// named 'wd#2' would be joined from the segments of the same names in the folder above it. The demuxer counts in microseconds, so each
    /// length is the distance between its chunk's start and end each rounded to a microsecond from the first frame: the
    /// sums then land every chunk on its exact start (to half a microsecond, which the stream's time base rounds back),
    /// where lengths rounded one by one would let the error grow with the chunk count. Segments stamped in
    /// <paramref name="milliseconds"/> (whose frames carry their time in the whole output) start on their first frame's
    /// millisecond, so the demuxer leaves their stamps as they are.
    /// </summary>
    internal static string ConcatList(IEnumerable<ChunkManifest> chunks, string workDir, FrameRate fps, bool milliseconds = false)
    {
        CheckListable(workDir);
        var list = new StringBuilder("ffconcat version 1.0\n");
        var all = chunks.ToList();
        var origin = all.Count > 0 ? all.Min(c => c.FirstFrame) : 0;
        long Micros(long frame) => milliseconds ? 1_000 * fps.RoundedTimeOf(frame - origin, 1_000) : fps.RoundedTimeOf(frame - origin, 1_000_000);
        foreach (var chunk in all.Where(c => c.Frames > 0))
        {
            list.Append(CultureInfo.InvariantCulture, $"file {ConcatQuote(Path.GetFullPath(Path.Combine(workDir, chunk.Segment!)))}\n");
            var micros = Micros(chunk.EndFrame) - Micros(chunk.FirstFrame);
            list.Append($"duration {FfmpegDuration.FromMicroseconds(micros)}\n");
        }
        return list.ToString();
    }

    /// <summary>
    /// Refuses a work dir the concat list cannot name: the demuxer reads the list line by line, so no quoting carries a line
    /// break in a path.
    /// </summary>
    public static void CheckListable(string workDir)
    {
        if (workDir.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ScriptComposerException(
                $"The work dir '{workDir.ReplaceLineEndings("\\n")}' holds a line break, which ffmpeg's concat demuxer cannot read in the list of segments it joins. " +
                "Give --work-dir (or -o, when the work dir is made beside the output) a path without one.");
    }

    /// <summary>A path as one word of the concat list: in single quotes, each ' as '\'' (the list's own quoting, as a POSIX shell's).</summary>
    private static string ConcatQuote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The join's ffmpeg arguments, pinned by tests: the segments by stream copy, the sound from standard input encoded as a one-process render encodes it.</summary>
    public static IReadOnlyList<string> BuildArguments(VideoOutput output, string list, AudioFormat? audio, string temporary)
    {
        // -safe 0: the list names the segments by absolute path, which the demuxer otherwise refuses as unsafe.
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", list };
        if (audio is not null)
        {
            args.AddRange(AudioEncoder.RawInput(audio, "pipe:0"));
            args.AddRange(["-map", "0:v", "-map", "1:a"]);
        }
        else
        {
            args.AddRange(["-map", "0:v", "-an"]);
        }
        // The segments' color tags again: a MOV segment keeps no range for some codecs (FFV1), and stream copy would leave it unknown.
        args.AddRange(["-c:v", "copy", .. VideoEncoder.ColorTagsFor(output.Kind, output.Encoder)]);
        if (audio is not null)
            args.AddRange(AudioEncoder.CodecArguments(output.Path, output.Audio ?? new AudioSettings()));
        var muxer = OutputFormats.Muxer(output.Path);
        args.AddRange(["-f", muxer]);
        if (muxer is "mp4" or "mov")
            args.AddRange(["-movflags", "+faststart"]);
        args.Add(temporary);
        return args;
    }

    private static void Mux(VideoOutput output, string list, AudioMixer? audio, string temporary, CancellationToken cancellation)
    {
        using var ffmpeg = FfmpegProcess.Start(BuildArguments(output, list, audio?.Format, temporary), redirectInput: audio is not null, redirectOutput: false);
        using var registration = cancellation.Register(ffmpeg.Kill);
        var broken = false;
        if (audio is not null)
        {
            try
            {
                using var input = ffmpeg.StandardInput;
                audio.WriteTo(input, cancellation);
            }
            catch (IOException)
            {
                // ffmpeg stopped reading: its exit code and stderr below say why, or a Ctrl+C stopped it.
                broken = true;
            }
        }
        var code = ffmpeg.WaitForExit();
        if (code != 0 || broken)
            InterruptGrace.AfterChildStopped(cancellation);
        cancellation.ThrowIfCancellationRequested();
        if (ffmpeg.WriteErrors.Count > 0)
            throw OutputFile.CouldNotWrite(output.Path, $"ffmpeg said:\n{ffmpeg.StderrTail}");
        if (code != 0 || broken)
            throw new ScriptComposerException($"ffmpeg exited with code {code} while joining the chunks of '{output.Path}'; nothing was written there. ffmpeg said:\n{ffmpeg.StderrTail}");
    }
}
