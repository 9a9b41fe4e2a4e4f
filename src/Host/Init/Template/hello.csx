#load ".sc/prelude.csx"
// Your first script. `sc render hello.csx` writes out/hello.mp4; `sc watch hello.csx` shows every save in the browser.
// Paths are relative to this file. Type a clip and a dot: the editor lists what it can do.

var background = Gradient.Linear(1280, 720, from: (0, 0), to: (0, 720), "#1e3c72", "#2a5298");

// The logo glides from x = 100 to x = 1020 over the five seconds.
var logo = Image("media/logo.png").At(t => (100 + 184 * t, 280));

// A white band from 1 s to 4 s, fading in and out, with a soft tone while it shows.
var band = Color(640, 120, "white").At("center", 560).WithStart(1).WithDuration(3).FadeIn(1).FadeOut(1);
var tone = Tone(440, 3, 0.2).AudioFadeIn(0.5).AudioFadeOut(0.5).WithStart(1);

Render(Composite(1280, 720, background, logo, band, tone).WithDuration(5), Args.Get("out", "out/hello.mp4"), fps: 30);
