// A title card: a diagonal gradient, a stroked caption that fades in, and a smaller subtitle below it.
//   ./scripts/sc render scripts/title.csx
// 3 seconds at 30 fps, 1280x720, written to scripts/out/title.mp4 (paths are relative to this script).

var sky = Gradient.Linear(1280, 720, from: (0, 0), to: (1280, 720), "#1e3c72", "#2a5298");

// Caption mode: wrapped inside 1000 px, centered, with a black outline 4 px wide outside the glyphs.
// Characters DejaVu Sans lacks (夏) are drawn from an installed CJK font.
var title = Text("Summer 2026 — a title card that wraps 夏", font: "DejaVu Sans Bold", size: 84, color: "white",
                 stroke: ("black", 4), width: 1000, align: "center", lineSpacing: 1.1)
    .At("center", 200)
    .CrossFadeIn(0.5);

// Label mode: the picture is as large as the text; its alpha is its mask.
var subtitle = Text("made with ScriptComposer", size: 36, color: "#ffcc00")
    .At("center", 560)
    .WithStart(0.75)
    .CrossFadeIn(0.5);

Render(Composite(1280, 720, sky, title, subtitle).WithDuration(3), Args.Get("out", "out/title.mp4"), fps: 30);
