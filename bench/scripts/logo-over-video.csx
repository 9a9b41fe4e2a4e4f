// bench (d): a 1280x720 video with a logo, a color card and a translucent band over it; 8 s at 30 fps.
// The commonest compositing job: the video stays in YUV and the three pictures are laid over it there. The plain-ffmpeg twin
// (overlay filters) is in bench/EndToEnd/Compositions.cs.
var media = Args.Get("media", "../artifacts/e2e/media");
var logo = Image("../../scripts/media/logo.png").At(60, 60);
var card = Color(320, 90, "#ffcc00").Opacity(0.8).At(900, 40);
var band = Color(1280, 80, "white").Opacity(0.5).At(0, 600);
Render(Composite(1280, 720, Video($"{media}/main.mp4"), logo, card, band).WithDuration(8), Args.Get("out", "out/logo-over-video.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
