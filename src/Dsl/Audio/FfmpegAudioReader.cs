using System.Runtime.InteropServices;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Audio;

/// <summary>Reads the raw float samples an <see cref="AudioDecoder"/> ffmpeg writes to its standard output.</summary>
internal sealed class FfmpegAudioReader : IAudioReader
{
    private readonly FfmpegProcess _ffmpeg;
    private readonly string _path;
    private readonly int _channels;
    private bool _ended;

    public FfmpegAudioReader(string path, string? filters, int channels)
    {
        _path = path;
        _channels = channels;
        _ffmpeg = FfmpegProcess.Start(AudioDecoder.BuildArguments(path, filters), redirectInput: false, redirectOutput: true);
    }

    public int Read(Span<float> frames)
    {
        if (_ended)
            return 0;
        var bytes = MemoryMarshal.AsBytes(frames);
        var filled = 0;
        var output = _ffmpeg.Output;
        while (filled < bytes.Length)
        {
            var read = output.Read(bytes[filled..]);
            if (read == 0)
            {
                End();
                break;
            }
            filled += read;
        }
        // A torn last frame can only come from a broken stream; it is left out.
        return filled / (sizeof(float) * _channels);
    }

    private void End()
    {
        _ended = true;
        var code = _ffmpeg.WaitForExit();
        if (code != 0)
            throw new ScriptComposerException(
                $"ffmpeg could not decode the sound of '{_path}' (exit code {code}). Check that the file plays, or convert it to a WAV file with ffmpeg. ffmpeg said:\n{_ffmpeg.StderrTail}");
    }

    public void Dispose() => _ffmpeg.Dispose();
}
