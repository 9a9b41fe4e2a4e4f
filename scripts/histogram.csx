// Parameters that move and frames as arrays: a Ken Burns zoom and pan over a picture (Resize and CropCenter with t => ...,
// a brightness on Keyframes), and a luma histogram of each frame drawn over it in plain C# with Map.
//   ./scripts/sc render scripts/histogram.csx
var photo = Gradient.Radial(480, 270, center: (150, 100), radius: 400, "#ffd27f", "#1e3c72").WithDuration(2);

// The zoom grows the picture from 480x270 to 600x338; the window keeps 480x270 of it and drifts left.
var kenBurns = photo
    .Resize(scale: t => 1 + 0.125 * t)
    .CropCenter(t => (300 - 10 * t, 169), 480, 270)
    .Brightness(new Keyframes((0, -0.2), (1, 0.0)));

// 64 bins of BT.709 luma, bars scaled to the fullest bin, on a black 128x64 panel at the top left.
Image Histogram(double t, Image frame)
{
    var counts = new int[64];
    foreach (var p in frame.Pixels)
        counts[(p.R * 2126 + p.G * 7152 + p.B * 722) / 10000 / 4]++;
    var fullest = counts.Max();
    var panel = new Image(128, 64).Fill("black");
    for (var bin = 0; bin < 64; bin++)
    {
        var height = (int)Math.Round(60.0 * counts[bin] / fullest);
        for (var y = 64 - height; y < 64; y++)
            panel[2 * bin, y] = panel[2 * bin + 1, y] = new Rgba(255, 255, 255);
    }
    return frame.Blit(panel, 16, 16);
}

Render(kenBurns.Map(Histogram), Args.Get("out", "out/histogram.mp4"), fps: 30);
