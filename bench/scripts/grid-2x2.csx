// bench (b): four 640x360 videos in the quadrants of a 1280x720 canvas; 8 s at 30 fps.
// The inputs are testsrc2 clips that `bench -- e2e` generates with ffmpeg. The plain-ffmpeg twin (xstack) is in
// bench/EndToEnd/Compositions.cs.
var media = Args.Get("media", "../artifacts/e2e/media");
var clips = Enumerable.Range(0, 4)
    .Select(i => Video($"{media}/grid-{i}.mp4").At(640 * (i % 2), 360 * (i / 2)))
    .ToArray();
Render(Composite(1280, 720, clips).WithDuration(8), Args.Get("out", "out/grid-2x2.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
