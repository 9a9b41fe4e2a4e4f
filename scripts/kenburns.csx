// A Ken Burns slideshow: three pictures, each slowly zooming in while it shows, the second pushed in over the first and the
// third wiped in over the second, over music that ducks under a voice from 3 s to 5.5 s.
//   ./scripts/sc render scripts/kenburns.csx
// 8 seconds at 30 fps, 640x360, written to scripts/out/kenburns.mp4; --set voice=0 leaves the voice out.

Clip Picture(string from, string to, string title) =>
    Composite(640, 360, Gradient.Linear(640, 360, (0, 0), (640, 360), from, to),
        Text(title, size: 56, color: "white", stroke: ("black", 3)).At("center"));

// A slide zooms from 100 % to 110 % over its three seconds, centered: the frame shows less and less of the picture.
Clip Slide(Clip picture) => Composite(640, 360, picture.WithDuration(3).Resize(scale: t => 1 + 0.1 * t / 3).At("center")).WithDuration(3);

var show = Composite(640, 360,
    Slide(Picture("#e63946", "#ff9f1c", "Morning")),
    Slide(Picture("#1d3557", "#457b9d", "Noon")).WithStart(2.5).TransitionIn(Transition.SlideLeft(0.5)),
    Slide(Picture("#2a9d8f", "#8ac926", "Evening")).WithStart(5).TransitionIn(Transition.WipeRight(0.5)));

// Music: an A minor chord, stereo. The voice: a 300 Hz tone that swells four times a second, from 3 s to 5.5 s.
var chord = AudioFrames((t, channel) => 0.2 * (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 261.63 * t) + Math.Sin(2 * Math.PI * 329.63 * t)), 8, channels: 2);
var voice = AudioFrames((t, channel) => 0.4 * Math.Sin(2 * Math.PI * 300 * t) * (0.6 + 0.4 * Math.Sin(2 * Math.PI * 4 * t)), 2.5).WithStart(3);

// Ducking: the music falls to 30 % a quarter of a second before the voice and comes back a quarter of a second after it.
var music = chord.Volume(t => Interpolate(t, [2.75, 3, 5.5, 5.75], [1, 0.3, 0.3, 1], extrapolate: "clamp"));

var layers = new List<Clip> { show, music };
if (Args.Get("voice", "1") != "0") layers.Add(voice);
Render(Composite(640, 360, layers.ToArray()).WithDuration(8), Args.Get("out", "out/kenburns.mp4"), fps: 30);
