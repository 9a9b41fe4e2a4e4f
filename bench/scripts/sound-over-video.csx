// bench (e): logo-over-video's video with a band over it and two sounds mixed under it: music (a 44.1 kHz stereo WAV,
// faded in and out) and a voice (a 48 kHz mono WAV at half volume from 2 s); 1280x720, 8 s at 30 fps, AAC at 48 kHz.
// The plain-ffmpeg twin (overlay, afade, volume, adelay, amix) is in bench/EndToEnd/Compositions.cs.
var media = Args.Get("media", "../artifacts/e2e/media");
var band = Color(1280, 80, "white").Opacity(0.5).At(0, 600);
var music = Audio($"{media}/music-44k.wav").AudioFadeIn(1).AudioFadeOut(1);
var voice = Audio($"{media}/voice-48k.wav").Volume(0.5).WithStart(2);
Render(Composite(1280, 720, Video($"{media}/main.mp4"), band, music, voice).WithDuration(8), Args.Get("out", "out/sound-over-video.mp4"),
    fps: 30, preset: Args.Get("preset", "veryfast"), threads: int.Parse(Args.Get("threads", "2")));
