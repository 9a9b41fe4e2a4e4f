// bench (c): a chain of four 3 s videos, each crossfading into the next over 1 s; 1280x720, 9 s at 30 fps.
// The same picture as ffmpeg's xfade=transition=fade (the plain-ffmpeg twin is in bench/EndToEnd/Compositions.cs).
var media = Args.Get("media", "../artifacts/e2e/media");
const double length = 3, overlap = 1;

var clips = Enumerable.Range(0, 4).Select(i => Video($"{media}/xfade-{i}.mp4").Subclip(0, length)).ToArray();
var chain = Concatenate(clips.Select((c, i) => i == 0 ? c : c.CrossFadeIn(overlap)), padding: -overlap);
Render(chain.WithDuration(4 * length - 3 * overlap), Args.Get("out", "out/crossfade-chain.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
