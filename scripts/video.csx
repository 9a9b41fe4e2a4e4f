// A real video: ffmpeg's testsrc2 pattern (scripts/make-test-media generates it), cut and placed twice.
//   ./scripts/sc render scripts/video.csx
var source = "media/generated/testsrc2.mp4";

var background = Color(1280, 720, "#202020");

// Seconds 2 to 6 of the source, decoded at 640 pixels wide, in the top-left quarter, fading in from black.
var main = Video(source, width: 640).Subclip(2, 6).At(0, 0).FadeIn(0.5);

// The same seconds, smaller, in the bottom-right corner, half transparent, from 1 s on.
var inset = Video(source, width: 320).Subclip(2, 5).At("right", "bottom").WithStart(1).Opacity(0.5);

Render(Composite(1280, 720, background, main, inset).WithDuration(4), "out/video.mp4", fps: 30);
