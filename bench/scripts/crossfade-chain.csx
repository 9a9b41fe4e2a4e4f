// bench (c): a chain of four 3 s videos, each crossfading into the next over 1 s; 1280x720, 9 s at 30 fps.
// There is no CrossFade or animated opacity in the DSL yet, so each clip after the first overlaps the one before by
// 1 s and carries a mask whose luminance ramps from 0 to 1 over its first second (a Frames clip, drawn each frame):
// the same picture as ffmpeg's xfade=transition=fade, at the extra cost of drawing, uploading and reading a
// full-frame mask for every frame of clips 2 to 4. The plain-ffmpeg twin (xfade) is in bench/EndToEnd/Compositions.cs.
using System.Runtime.InteropServices;

var media = Args.Get("media", "../artifacts/e2e/media");
const double length = 3, overlap = 1;

Clip CrossFadeIn(Clip clip) => clip.WithMask(Frames(clip.Width, clip.Height, length, (t, rgba) =>
{
    var level = (uint)Math.Clamp(Math.Round(255 * t / overlap), 0, 255);
    MemoryMarshal.Cast<byte, uint>(rgba).Fill(level | level << 8 | level << 16 | 0xff000000u);
}));

var chain = Enumerable.Range(0, 4)
    .Select(i => i == 0 ? Video($"{media}/xfade-{i}.mp4") : CrossFadeIn(Video($"{media}/xfade-{i}.mp4")).WithStart(i * (length - overlap)))
    .ToArray();
Render(Composite(1280, 720, chain).WithDuration(4 * length - 3 * overlap), Args.Get("out", "out/crossfade-chain.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
