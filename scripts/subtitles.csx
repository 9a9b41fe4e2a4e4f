// Subtitles over a video: each cue of media/talk.srt as a caption at the bottom, from its start to its end.
//   ./scripts/sc render scripts/subtitles.csx
// 4 seconds at 30 fps, 1280x720, written to scripts/out/subtitles.mp4. The video stays on the fast path: the captions are
// laid over it in Y'CbCr (sc render --verbose says so).
var video = Video("media/generated/testsrc2.mp4", width: 1280, height: 720).Subclip(0, 4);

var captions = Subtitles("media/talk.srt", 1280, 720, size: 44, stroke: ("black", 3), bottom: 48);

Render(Composite(1280, 720, video, captions), Args.Get("out", "out/subtitles.mp4"), fps: 30);
