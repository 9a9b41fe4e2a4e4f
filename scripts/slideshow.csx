// A slideshow: four slides joined by a push, a wipe and an opening circle (ffmpeg's xfade transitions of those names),
// each slide coming in over the one before for half a second.
//   ./scripts/sc render scripts/slideshow.csx
// 8.5 seconds at 30 fps, 640x360, written to scripts/out/slideshow.mp4.

Clip Slide(string color, string title) =>
    Composite(640, 360, [Color(640, 360, color), Text(title, size: 64, color: "white", stroke: ("black", 3)).At("center")])
        .WithDuration(2.5);

var show = Composite(640, 360,
    Slide("#e63946", "One"),
    Slide("#f1c40f", "Two").WithStart(2).TransitionIn(Transition.SlideLeft(0.5)),
    Slide("#2a9d8f", "Three").WithStart(4).TransitionIn(Transition.WipeRight(0.5)),
    Slide("#457b9d", "Four").WithStart(6).TransitionIn(Transition.CircleOpen(0.5)));

// The same with one transition between every pair:
//   var show = Concatenate(slides, transition: Transition.SlideLeft(0.5));
Render(show.WithDuration(8.5), Args.Get("out", "out/slideshow.mp4"), fps: 30);
