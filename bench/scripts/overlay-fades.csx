// bench (a): three moving layers with fades over a gradient; 1280x720, 8 s at 30 fps.
// The background is a gradient PNG that `bench -- e2e` makes with
// ffmpeg's `gradients` source, so both sides show the same picture (a still: uploaded once). The plain-ffmpeg twin is in bench/EndToEnd/Compositions.cs.
var media = Args.Get("media", "../artifacts/e2e/media");
var background = Image($"{media}/gradient.png");
var logo = Image("../../scripts/media/logo.png").WithDuration(8)
    .At(t => (100 + 120 * t, 80 + 20 * t)).FadeIn(1).FadeOut(1);
var card = Color(400, 225, "#ffcc00").Opacity(0.8)
    .At(t => (800 - 90 * t, 300)).WithStart(1).WithDuration(6).FadeIn(1).FadeOut(1);
var band = Color(1280, 120, "white").Opacity(0.6)
    .At(t => (0, 560 - 40 * t)).WithStart(2).WithDuration(5).FadeIn(0.5).FadeOut(0.5);
Render(Composite(1280, 720, background, logo, card, band).WithDuration(8), Args.Get("out", "out/overlay-fades.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
