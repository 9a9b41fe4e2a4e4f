using System.Globalization;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>The reference compositions and their plain-ffmpeg twins.</summary>
internal static class Compositions
{
    public static IReadOnlyList<Composition> All { get; } =
    [
        new("overlay-fades", "overlay-fades.csx",
            "3 moving layers (logo PNG, 80% color card, 60% band) with fades over a gradient PNG, 1280x720, 8 s",
            (media, output, s) => Ffmpeg(
                [
                    "-framerate", "30", "-i", Path.Combine(media, "gradient.png"),
                    "-framerate", "30", "-i", Path.Combine(Repository.Root, "scripts", "media", "logo.png"),
                ],
                // Stills are decoded once and repeated by the loop filter (not -loop 1, which decodes every frame).
                "[0:v]loop=loop=-1:size=1:start=0,setpts=N/30/TB[bg];" +
                "[1:v]loop=loop=-1:size=1:start=0,setpts=N/30/TB,format=rgba,fade=t=in:st=0:d=1,fade=t=out:st=7:d=1[logo];" +
                "color=c=0xffcc00@0.8:s=400x225:r=30,format=rgba,fade=t=in:st=1:d=1,fade=t=out:st=6:d=1[card];" +
                "color=c=white@0.6:s=1280x120:r=30,format=rgba,fade=t=in:st=2:d=0.5,fade=t=out:st=6.5:d=0.5[band];" +
                "[bg][logo]overlay=x='100+120*t':y='80+20*t'[o1];" +
                "[o1][card]overlay=x='800-90*(t-1)':y=300:enable='between(t,1,7)'[o2];" +
                "[o2][band]overlay=x=0:y='560-40*(t-2)':enable='between(t,2,7)',format=yuv420p[out]",
                output, s)),
        new("grid-2x2", "grid-2x2.csx",
            "4 videos (640x360 H.264) in the quadrants of a 1280x720 canvas, 8 s",
            (media, output, s) => Ffmpeg(
                [.. Enumerable.Range(0, 4).SelectMany(i => new[] { "-i", Path.Combine(media, $"grid-{i}.mp4") })],
                "[0:v][1:v][2:v][3:v]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0,format=yuv420p[out]",
                output, s)),
        new("crossfade-chain", "crossfade-chain.csx",
            "4 videos (1280x720 H.264, 3 s each) crossfading into each other over 1 s, 9 s",
            (media, output, s) => Ffmpeg(
                [.. Enumerable.Range(0, 4).SelectMany(i => new[] { "-i", Path.Combine(media, $"xfade-{i}.mp4") })],
                "[0:v][1:v]xfade=transition=fade:duration=1:offset=2[x1];" +
                "[x1][2:v]xfade=transition=fade:duration=1:offset=4[x2];" +
                "[x2][3:v]xfade=transition=fade:duration=1:offset=6,format=yuv420p[out]",
                output, s)),
        new("logo-over-video", "logo-over-video.csx",
            "a 1280x720 H.264 video with a PNG logo, an 80% color card and a 50% band over it, 8 s",
            (media, output, s) => Ffmpeg(
                ["-i", Path.Combine(media, "main.mp4"), "-framerate", "30", "-i", Path.Combine(Repository.Root, "scripts", "media", "logo.png")],
                "[1:v]loop=loop=-1:size=1:start=0,setpts=N/30/TB,format=rgba[logo];" +
                "color=c=0xffcc00@0.8:s=320x90:r=30,format=rgba[card];" +
                "color=c=white@0.5:s=1280x80:r=30,format=rgba[band];" +
                "[0:v][logo]overlay=x=60:y=60[o1];[o1][card]overlay=x=900:y=40[o2];[o2][band]overlay=x=0:y=600,format=yuv420p[out]",
                output, s)),
        new("sound-over-video", "sound-over-video.csx",
            "a 1280x720 H.264 video with a 50% band over it, a 44.1 kHz stereo music WAV faded in and out and a 48 kHz mono voice WAV at half volume mixed under it, AAC, 8 s",
            (media, output, s) => Ffmpeg(
                ["-i", Path.Combine(media, "main.mp4"), "-i", Path.Combine(media, "music-44k.wav"), "-i", Path.Combine(media, "voice-48k.wav")],
                "color=c=white@0.5:s=1280x80:r=30,format=rgba[band];[0:v][band]overlay=x=0:y=600,format=yuv420p[out];" +
                "[1:a]aresample=48000,afade=t=in:st=0:d=1,afade=t=out:st=7:d=1[music];" +
                "[2:a]volume=0.5,pan=stereo|c0=c0|c1=c0,adelay=delays=2000:all=1[voice];" +
                "[music][voice]amix=inputs=2:normalize=0:duration=first[aout]",
                output, s, sound: true)),
    ];

    /// <summary>The output side mirrors <c>VideoEncoder.BuildArguments</c>: codec, preset, threads, pixel format and color tags.</summary>
    private static List<string> Ffmpeg(IEnumerable<string> inputs, string graph, string output, EncodeSettings s, bool sound = false) =>
    [
        "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        .. inputs,
        "-filter_complex", graph,
        "-map", "[out]", "-frames:v", s.Frames.ToString(CultureInfo.InvariantCulture), "-r", "30",
        .. sound ? new[] { "-map", "[aout]", "-c:a", "aac", "-b:a", "192k", "-t", "8" } : ["-an"],
        "-c:v", "libx264", "-preset", s.Preset, "-threads", s.Threads.ToString(CultureInfo.InvariantCulture),
        "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
        "-movflags", "+faststart", output,
    ];
}
