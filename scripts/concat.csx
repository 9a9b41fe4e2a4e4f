// Four scenes one after another, each crossfading into the next over half a second.
//   ./scripts/sc render scripts/concat.csx
Clip Scene(string color, double seconds) =>
    Composite(640, 360, [Gradient.Radial(640, 360, (320, 180), 400, color, "black")], "black").WithDuration(seconds);

var scenes = new[] { Scene("#e63946", 2), Scene("#f1c40f", 2), Scene("#2a9d8f", 2), Scene("#457b9d", 2) };
var chained = Concatenate(scenes.Select((s, i) => i == 0 ? s : s.CrossFadeIn(0.5)), method: "compose", padding: -0.5);

// A tone per scene, so the sound follows the same cuts.
var beeps = Concatenate(new[] { 440.0, 550, 660, 880 }.Select(f => Tone(f, 1.5, 0.3).AudioFadeOut(0.2)), padding: -0.0);

Render(Composite(640, 360, [chained, beeps], "black"), "out/concat.mp4", fps: 30);
