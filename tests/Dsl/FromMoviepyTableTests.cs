using System.Reflection;
using System.Text.RegularExpressions;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// docs/from-moviepy.md, row by row: each row's ScriptComposer side is a snippet here, keyed by the row's moviepy name, and is
/// rendered (a frame drawn, or its sound mixed). A row without a snippet fails; a row marked <b>built elsewhere</b> is pending
/// (and named in the output) only while its DSL name does not exist yet, and needs its snippet once it does.
/// </summary>
public sealed partial class FromMoviepyTableTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>One row of the page's tables.</summary>
    internal sealed record Row(string Key, string ScriptComposer, bool BuiltElsewhere, int Line);

    [GeneratedRegex(@"^\|(?<one>[^|]*)\|(?<two>[^|]*)\|(?<sc>[^|]*)\|(?<notes>[^|]*)\|\s*$")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^\s*`?(?:clip\.)?(?<id>[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex FirstName();

    private static string Page => Path.Combine(RepositoryFiles.Root, "docs", "from-moviepy.md");

    /// <summary>The rows of every table on the page (header and rule lines left out).</summary>
    internal static IReadOnlyList<Row> Rows()
    {
        var rows = new List<Row>();
        var lines = File.ReadAllLines(Page);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = RowPattern().Match(lines[i]);
            if (!match.Success || match.Groups["one"].Value.Trim() is "moviepy 1.x" or "---")
                continue;
            var one = match.Groups["one"].Value.Trim();
            var key = (one == "—" ? match.Groups["two"].Value.Trim() : one).Replace("`", "", StringComparison.Ordinal);
            rows.Add(new Row(key, match.Groups["sc"].Value.Trim(), match.Groups["notes"].Value.Contains("**built elsewhere**", StringComparison.Ordinal), i + 1));
        }
        return rows;
    }

    [Fact]
    public void The_page_is_linked_from_the_readme_and_has_rows_for_every_fx()
    {
        Assert.Contains("docs/from-moviepy.md", File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")), StringComparison.Ordinal);
        var keys = Rows().Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        foreach (var fx in new[] { "accel_decel", "blink", "even_size", "freeze_region", "headblur", "lum_contrast", "make_loopable", "mask_and", "mask_or",
                     "painting", "scroll", "supersample", "time_symmetrize", "audio_left_right", "audio_loop", "audio_normalize", "CompositeAudioClip", "AudioClip",
                     "clips_array", "concatenate_videoclips", "TextClip" })
            Assert.True(keys.Any(k => k.StartsWith(fx + "(", StringComparison.Ordinal)), $"docs/from-moviepy.md has no row for moviepy's {fx}");
    }

    [Fact]
    public void Every_row_renders_its_ScriptComposer_side()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("moviepy-table");
        var media = Media.Make(folder);
        var snippets = Snippets();
        var missing = new List<string>();
        var pending = new List<string>();
        var rendered = 0;
        foreach (var row in Rows())
        {
            if (!snippets.TryGetValue(row.Key, out var snippet))
            {
                if (row.BuiltElsewhere && !DslHas(FirstName().Match(row.ScriptComposer).Groups["id"].Value))
                    pending.Add($"line {row.Line}: {row.Key} → {row.ScriptComposer}");
                else
                    missing.Add($"line {row.Line}: {row.Key} → {row.ScriptComposer}");
                continue;
            }
            try
            {
                Exercise(snippet(media), folder);
                rendered++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"docs/from-moviepy.md line {row.Line} ({row.Key} → {row.ScriptComposer}): {e.GetType().Name}: {e.Message}");
            }
        }
        foreach (var row in pending)
            output.WriteLine($"pending until its API is merged: {row}");
        Assert.True(missing.Count == 0, $"rows of docs/from-moviepy.md without a snippet in {nameof(FromMoviepyTableTests)}:\n{string.Join("\n", missing)}");
        var unused = snippets.Keys.Except(Rows().Select(r => r.Key)).ToList();
        Assert.True(unused.Count == 0, $"snippets for rows the page no longer has: {string.Join(", ", unused)}");
        Assert.True(rendered > 100, $"only {rendered} rows rendered");
    }

    /// <summary>Whether the DSL has <paramref name="name"/>: a method of a clip, or a static method of any public DSL type.</summary>
    private static bool DslHas(string name) =>
        typeof(Clip).GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name == name) ||
        typeof(Clip).Assembly.GetExportedTypes().Any(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == name));

    /// <summary>Draws a clip's frame (or mixes its sound), or renders the outputs a snippet declared.</summary>
    private static void Exercise(object result, TempFolder folder)
    {
        switch (result)
        {
            case ScriptGlobals globals:
                Assert.NotEmpty(globals.Outputs);
                foreach (var declared in globals.Outputs)
                    Exercise(declared.Clip, folder);
                break;
            case Clip { HasPicture: true } clip:
                var time = Math.Min(0.5, (clip.Duration ?? 1) / 2);
                var frame = CpuRender.At(clip, time);
                Assert.Equal((clip.Width, clip.Height), (frame.Width, frame.Height));
                break;
            case Clip sound:
                var format = new AudioFormat(48000, ChannelLayout.Stereo);
                using (var mixer = new AudioMixer(AudioTimeline.Segments(sound), format, 0, Math.Min(0.2, sound.Duration ?? 0.2)))
                {
                    var samples = new float[mixer.FrameCount * 2];
                    Assert.Equal(mixer.FrameCount, mixer.Read(samples));
                }
                break;
            default:
                throw new InvalidOperationException($"a snippet returned {result.GetType().Name}; it must return a clip or the script's outputs");
        }
    }

    /// <summary>Small media made once for the snippets: a video with sound, a sound file, a picture, a sequence, subtitles.</summary>
    internal sealed record Media(string Video, string Song, string Logo, string Frames, string Srt, string Out)
    {
        public static Media Make(TempFolder folder)
        {
            var video = folder["clip.mp4"];
            ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=32x24:rate=30:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video);
            var song = folder["song.wav"];
            ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:duration=3", song);
            var logo = folder["logo.png"];
            File.Copy(Path.Combine(RepositoryFiles.Root, "scripts", "media", "logo.png"), logo);
            Directory.CreateDirectory(folder["frames"]);
            File.Copy(logo, folder["frames/f_0001.png"]);
            File.Copy(logo, folder["frames/f_0002.png"]);
            var srt = folder["talk.srt"];
            File.Copy(Path.Combine(RepositoryFiles.Root, "scripts", "media", "talk.srt"), srt);
            Directory.CreateDirectory(folder["out"]);
            return new Media(video, song, logo, folder["frames"], srt, folder["out"]);
        }
    }
}
