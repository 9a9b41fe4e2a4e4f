// The first script to run: ./scripts/sc render scripts/hello.csx
// A navy background, an orange logo (a PNG with alpha) gliding across, and a band that fades in and out.
// 5 seconds at 30 fps, 1280x720, written to scripts/out/hello.mp4 (paths are relative to this script).

var background = Color(1280, 720, "#1e3c72");

// The logo moves from x = 100 to x = 1020 over the 5 seconds, vertically centered.
var logo = Image("media/logo.png")
    .At(t => (100 + 184 * t, 280));

// A white band, shown from 1 s to 4 s, fading in over its first second and out over its last.
var band = Color(640, 120, "white")
    .At("center", 560)
    .WithStart(1).WithDuration(3)
    .FadeIn(1).FadeOut(1);

var scene = Composite(1280, 720, background, logo, band).WithDuration(5);

Render(scene, Args.Get("out", "out/hello.mp4"), fps: 30);
