using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Dsl.Subtitles;
using ScriptComposer.Dsl.Text;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>The ScriptComposer side of each row of docs/from-moviepy.md, keyed by the row's moviepy name.</summary>
public sealed partial class FromMoviepyTableTests
{
    /// <summary>A small picture that changes with time, 32×24 for 2 s.</summary>
    private static Clip Moving() => Frames(32, 24, 2, (t, rgba) =>
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = (byte)(i / 4 % 32 * 8);
            rgba[i + 1] = (byte)(t * 100);
            rgba[i + 2] = (byte)(i / 128 * 10);
            rgba[i + 3] = 255;
        }
    });

    private static Clip Still() => Gradient.Linear(32, 24, (0, 0), (32, 0), "red", "blue").WithDuration(2);

    private static ScriptGlobals Script(Action<ScriptGlobals> declare)
    {
        var globals = new ScriptGlobals(ScriptArgs.Empty);
        declare(globals);
        return globals;
    }

    private static Dictionary<string, Func<Media, object>> Snippets() => new(StringComparer.Ordinal)
    {
        // Clips
        ["VideoFileClip(path)"] = m => Video(m.Video, width: 16),
        ["ImageClip(path)"] = m => Image(m.Logo),
        ["ImageClip(array)"] = _ => Frames(8, 8, 1, (_, rgba) => rgba.Fill(200)),
        ["ColorClip(size, color)"] = _ => Color(16, 16, (255, 136, 0)),
        ["TextClip(txt, ...)"] = _ => Text("Summer", size: 24, color: "white"),
        ["VideoClip(make_frame)"] = _ => Moving(),
        ["ImageSequenceClip(files, fps)"] = m => ImageSequence(Path.Combine(m.Frames, "*.png"), 2),
        ["BitmapClip(bitmap_frames)"] = _ => Frames(3, 1, 1, (_, rgba) => { rgba[0] = 255; rgba[3] = 255; rgba[5] = 255; rgba[7] = 255; rgba[10] = 255; rgba[11] = 255; }),
        ["DataVideoClip(data, fn, fps)"] = _ =>
        {
            var data = new[] { 10, 120, 250 };
            return Frames(4, 4, data.Length / 3.0, (t, rgba) => rgba.Fill((byte)data[Math.Min(data.Length - 1, (int)(t * 3))]));
        },
        ["UpdatedVideoClip(world)"] = _ => Moving(),
        ["CompositeVideoClip(clips, size)"] = _ => Composite(32, 24, Still(), Moving().Resize(scale: 0.5).At("center")),
        ["clips_array(rows)"] = _ => Grid(new[,] { { Still(), Moving() }, { Moving(), Still() } }),
        ["concatenate_videoclips(clips)"] = _ => Concatenate([Still(), Moving()]),
        ["AudioFileClip(path)"] = m => Audio(m.Song),
        ["AudioClip(make_frame, duration)"] = _ => AudioFrames((t, c) => 0.3 * Math.Sin(2 * Math.PI * (c == 0 ? 440 : 660) * t), 1, channels: 2),
        ["AudioArrayClip(array, fps)"] = _ =>
        {
            var samples = Enumerable.Range(0, 4800).Select(n => new[] { Math.Sin(n / 10.0), 0.0 }).ToArray();
            return AudioFrames((t, c) => samples[Math.Min(samples.Length - 1, (int)(t * 48000))][c], samples.Length / 48000.0, channels: 2);
        },
        ["CompositeAudioClip(clips)"] = m => Mix(Audio(m.Song), Tone(440, 1).WithStart(2)),
        ["concatenate_audioclips(clips)"] = m => Concatenate([Tone(440, 0.5), Audio(m.Song)]),
        ["SubtitlesClip(file)"] = m => Subtitles(m.Srt, 320, 120, size: 20).WithDuration(2),
        ["file_to_subtitles(file)"] = m => Text(SubtitleFile.Read(m.Srt)[0].Text, size: 16),
        ["color_gradient(size, p1, p2, ...)"] = _ => Gradient.Linear(32, 24, (0, 0), (0, 24), "#1e3c72", "#2a5298"),
        ["circle(screensize, center, radius)"] = _ => Gradient.Radial(32, 24, (16, 12), 8, "white", "black"),

        // Clip methods
        ["set_start(t)"] = _ => Composite(32, 24, Still(), Moving().WithStart("0:00.25")),
        ["set_end(t)"] = _ => Moving().WithEnd(1.5),
        ["set_duration(d)"] = _ => Still().WithDuration(1),
        ["subclip(a, b)"] = m => Video(m.Video).Subclip(0.5, 1.5),
        ["fl_image(f)"] = _ => Moving().Map((t, image) => image.Crop(0, 0, image.Width, image.Height)),
        ["fl(f)"] = _ => Moving().Map((t, image) => image[0, 0] = new Rgba(255, 0, 0, 255)),
        ["fl_time(f)"] = _ => Moving().MapTime(t => 2 - t, duration: 2),
        ["get_frame(t)"] = _ => Frames(8, 8, 1, (t, image) => image.Fill(Moving().GetFrame(0.5)[3, 3])),
        ["iter_frames(fps)"] = _ => Frames(8, 8, 1, (t, image) => image.Fill(new Rgba((byte)Moving().IterFrames(4).Count(), 0, 0, 255))),
        ["cutout(a, b)"] = _ => Moving().CutOut(0.2, 0.6),
        ["set_position(pos)"] = _ => Composite(64, 48, Still().At("center"), Moving().At(t => (10 * t, 4)), Still().AtRelative(0.5, 0.5)),
        ["set_layer(n)"] = _ => Composite(32, 24, Moving(), Still().Resize(scale: 0.5)),
        ["set_opacity(o)"] = _ => Composite(32, 24, Still(), Moving().Opacity(0.5), Moving().Opacity(t => t / 2)),
        ["set_mask(mask)"] = _ => Composite(32, 24, Still(), Moving().WithMask(Gradient.Radial(32, 24, (16, 12), 12, "white", "black"))),
        ["to_mask()"] = _ => Composite(32, 24, Moving().WithMask(Still())),
        ["to_RGB()"] = _ => Composite(32, 24, Gradient.Radial(32, 24, (16, 12), 12, "white", "black")),
        ["set_audio(audio)"] = m => Moving().WithAudio(Audio(m.Song)),
        ["without_audio()"] = m => Video(m.Video).WithoutAudio(),
        ["set_fps(fps)"] = m => Script(g => g.Render(Moving(), Path.Combine(m.Out, "fps.mp4"), fps: 25)),
        ["on_color(size, color)"] = _ => Composite(64, 48, [Moving().At("center")], bg: "navy"),
        ["to_ImageClip(t)"] = m => Composite(32, 24, [Video(m.Video).ToImageClip(1)], "black").WithDuration(1),
        ["save_frame(path, t)"] = m => Script(g => g.SaveFrame(Moving(), 1, Path.Combine(m.Out, "frame.png"))),
        ["write_videofile(path, fps)"] = m => Script(g => g.Render(Moving(), Path.Combine(m.Out, "out.mp4"), fps: 30)),
        ["write_gif(path, fps)"] = m => Script(g => g.Render(Moving(), Path.Combine(m.Out, "out.gif"), fps: 15)),
        ["write_images_sequence(pattern)"] = m => Script(g => g.Render(Moving(), Path.Combine(m.Out, "f_%04d.png"))),
        ["write_audiofile(path)"] = m => Script(g => g.RenderAudio(Audio(m.Song), Path.Combine(m.Out, "out.wav"))),
        ["preview()"] = _ => Moving(),
        ["show(t)"] = m => Script(g => g.SaveFrame(Moving(), 0.5, Path.Combine(m.Out, "show.png"))),
        ["ipython_display()"] = m => Script(g => g.SaveFrame(Moving(), 0.5, Path.Combine(m.Out, "notebook.png"))),
        ["duration"] = _ => Moving().Duration == 2 ? Moving() : throw new InvalidOperationException("Duration"),
        ["start"] = _ => Moving().WithStart(1).Start == 1 ? Moving() : throw new InvalidOperationException("Start"),
        ["end"] = _ => Moving().WithStart(1).End == 3 ? Moving() : throw new InvalidOperationException("End"),
        ["w, h, size"] = _ => Moving() is { Width: 32, Height: 24 } clip ? clip : throw new InvalidOperationException("Width, Height"),
        ["resize(f)"] = _ => Moving().Resize(scale: 0.5).Resize(width: 20, filter: "lanczos"),
        ["rotate(a)"] = _ => Moving().Rotate(30),
        ["crop(...)"] = _ => Moving().Crop(2, 2, 20, 12).CropCenter(9, 5, 8, 6),
        ["set_make_frame(f)"] = _ => Frames(32, 24, 2, (t, rgba) => rgba.Fill((byte)(t * 100))),
        ["set_ismask(b)"] = _ => Composite(32, 24, Still().WithMask(Moving())),
        ["set_memoize(b)"] = _ => Frames(32, 24, 2, (_, rgba) => rgba.Fill(128)),
        ["close()"] = m => Script(g => g.Render(Video(m.Video), Path.Combine(m.Out, "closed.mp4"))),
        ["max_volume()"] = m => Audio(m.Song).AudioNormalize(),
        ["multiply_speed(f)"] = m => Video(m.Video).Speed(2),
        ["multiply_volume(f)"] = m => Audio(m.Song).Volume(0.5),
        ["is_playing(t)"] = _ => Moving().WithStart(1) is var c && 1.5 >= c.Start && 1.5 < c.End ? c : throw new InvalidOperationException("is_playing"),
        ["copy()"] = _ => Moving(),
        ["audio"] = m => Mix(Video(m.Video)),
        ["mask"] = _ => Moving().WithMask(Still()).Mask!,
        ["without_mask()"] = _ => Moving().WithMask(Still()) with { Mask = null },
        ["with_effects_on_subclip(fx, a, b)"] = _ => Moving() is var c ? Concatenate([c.Subclip(0, 0.5), c.Subclip(0.5, 1.5).FadeIn(0.5), c.Subclip(1.5)]) : null!,
        ["audiopreview()"] = m => Script(g => g.RenderAudio(Audio(m.Song), Path.Combine(m.Out, "listen.wav"))),

        // Video fx
        ["accel_decel(d, a, s)"] = _ => Moving().AccelDecel(3, abruptness: 1, soonness: 1),
        ["blackwhite()"] = _ => Moving().BlackAndWhite().BlackAndWhite(1, 1, 1),
        ["blink(on, off)"] = _ => Composite(32, 24, [Moving().Blink(0.2, 0.1)], "black"),
        ["colorx(f)"] = _ => Moving().ColorX(1.5),
        ["crop(...) (fx)"] = _ => Moving().Crop(0, 0, 16, 12),
        ["crossfadein(d)"] = _ => Composite(32, 24, Still(), Moving().CrossFadeIn(1)),
        ["crossfadeout(d)"] = _ => Composite(32, 24, Still(), Moving().CrossFadeOut(1)),
        ["even_size()"] = _ => Moving().Crop(0, 0, 31, 23).EvenSize(),
        ["fadein(d)"] = _ => Moving().FadeIn(1).FadeIn(0.5, "white"),
        ["fadeout(d)"] = _ => Moving().FadeOut(1.5),
        ["freeze(t, d)"] = _ => Moving().Freeze(0.5, 1).FreezeLast(0.5),
        ["freeze_region(t, region)"] = _ => Moving().FreezeRegion(0.2, region: (0, 0, 16, 12)).FreezeRegion(0.1, outsideRegion: (4, 4, 8, 8)),
        ["gamma_corr(g)"] = _ => Moving().Gamma(0.8),
        ["headblur(fx, fy, r)"] = _ => Moving().HeadBlur(t => (8 + 4 * t, 12), 6).HeadBlur(t => 20, t => 10 + t, 4),
        ["invert_colors()"] = _ => Moving().Invert(),
        ["loop(n)"] = _ => Moving().Loop(times: 2).Loop(seconds: 5),
        ["lum_contrast(l, c, thr)"] = _ => Moving().LumContrast(20, 0.5, 127),
        ["make_loopable(d)"] = _ => Moving().MakeLoopable(0.5),
        ["margin(...)"] = _ => Moving().Margin(2, top: 4, color: "white"),
        ["mask_and(other)"] = _ => Moving().MaskAnd(Still()),
        ["mask_color(color, thr, s)"] = _ => Moving().ChromaKey("red", 60, 20),
        ["mask_or(other)"] = _ => Moving().MaskOr(Still()),
        ["mirror_x()"] = _ => Moving().MirrorX(),
        ["mirror_y()"] = _ => Moving().MirrorY(),
        ["painting(s, b)"] = _ => Moving().Painting(1.4, 0.006),
        ["resize(...) (fx)"] = _ => Moving().Resize(width: 16, height: 16),
        ["rotate(...) (fx)"] = _ => Moving().Rotate(t => 45 * t, expand: false),
        ["scroll(w, h, xs, ys)"] = _ => Moving().Scroll(16, 12, xSpeed: 4, ySpeed: 2),
        ["speedx(f)"] = _ => Moving().Speed(0.5),
        ["slide_in(d, side)"] = _ => Composite(32, 24, Still(), Moving().TransitionIn(Transition.CoverRight(0.5))),
        ["slide_out(d, side)"] = _ => Composite(32, 24, Still(), Moving().At(t => (Math.Min(0, 32 * (2 - 0.5 - t) / 0.5), 0))),
        ["supersample(d, n)"] = _ => Moving().Supersample(0.1, 5),
        ["time_mirror()"] = _ => Moving().Reverse(),
        ["time_symmetrize()"] = _ => Moving().TimeSymmetrize(),

        // Audio fx
        ["audio_fadein(d)"] = m => Audio(m.Song).AudioFadeIn(1),
        ["audio_fadeout(d)"] = m => Audio(m.Song).AudioFadeOut(1),
        ["audio_left_right(l, r)"] = m => Mix(Audio(m.Song).StereoVolume(1, 0.5), Tone(440, 1).Pan(-0.5)),
        ["audio_loop(n)"] = m => Mix(Audio(m.Song).AudioLoop(times: 2), Tone(330, 0.5).AudioLoop(seconds: 2)),
        ["audio_normalize()"] = m => Audio(m.Song).AudioNormalize(),
        ["volumex(f)"] = m => Audio(m.Song).Volume(0.5).Volume(t => 1 - t / 4).Volume(0, 1, 2),
        ["AudioDelay(offset, n, decay)"] = _ => Tone(440, 0.1).AudioDelay(0.2, repeats: 3, decay: 0.5),

        // TextClip
        ["TextClip(font=...)"] = _ => Text("Font", font: "DejaVu Sans Bold", size: 20),
        ["TextClip(fontsize=...)"] = _ => Text("Size", size: 30),
        ["TextClip(color=...)"] = _ => Text("Color", size: 20, color: "yellow"),
        ["TextClip(bg_color=...)"] = _ => Text("Background", size: 20, bg: "black"),
        ["TextClip(stroke_color=...)"] = _ => Text("Stroke", size: 20, stroke: ("black", 2)),
        ["TextClip(method=\"caption\", size=...)"] = _ => Text("A caption that wraps to its width", size: 16, width: 120),
        ["TextClip(align=...)"] = _ => Text("Centred lines\nof text", size: 16, width: 120, align: "center"),
        ["TextClip(interline=...)"] = _ => Text("Two\nlines", size: 16, lineSpacing: 1.2),
        ["TextClip(kerning=...)"] = _ => Text("Spaced", size: 16, letterSpacing: 2),
        ["TextClip(filename=...)"] = m => Text(File.ReadAllText(m.Srt).Split('\n')[2], size: 16),
        ["TextClip(margin=...)"] = _ => Text("Margin", size: 16).Margin(10),
        ["TextClip(duration=...)"] = _ => Text("Three seconds", size: 16).WithDuration(3),
        ["TextClip(horizontal_align=...)"] = _ => Text("Right\naligned", size: 16, width: 120, align: "right"),
        ["TextClip(transparent=...)"] = _ => Text("Transparent", size: 16),
        ["TextClip.list(\"font\")"] = _ => FontCatalog.Faces.Count > 0 ? Text("Aa", size: 16) : throw new InvalidOperationException("no fonts"),
    };
}
