// scripts/hello.csx scaled to 1920x1080, for the render figures at full HD.
var background = Color(1920, 1080, "#1e3c72");
var logo = Image("../../scripts/media/logo.png").At(t => (150 + 276 * t, 460));
var band = Color(960, 180, "white").At("center", 840).WithStart(1).WithDuration(3).FadeIn(1).FadeOut(1);
Render(Composite(1920, 1080, background, logo, band).WithDuration(5), Args.Get("out", "out/hello-1080p.mp4"), fps: 30);
