// A 2x2 grid of the sample video (moviepy's clips_array), each cell treated differently.
//   ./scripts/sc render scripts/grid.csx
var source = Video("media/generated/testsrc2.mp4", width: 320).Subclip(0, 4);

var grid = Grid(new Clip[,]
{
    { source, source.MirrorX() },
    { source.BlackAndWhite(), source.Speed(2).Loop(2) },
}, bg: "black");

Render(grid.WithDuration(4), "out/grid.mp4", fps: 30);
