using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl;

/// <summary>Sound without a picture (<c>Audio(path)</c>, <c>Tone(...)</c>, <c>Silence(...)</c>): a composite mixes it and shows nothing.</summary>
public sealed record AudioClip(AudioSource Source) : Clip
{
    public override int Width => 1;

    public override int Height => 1;

    public override bool HasPicture => false;

    public override double? SourceLength => Source.Length;

    public override string Describe() => Source switch
    {
        FileAudio file => $"Audio '{System.IO.Path.GetFileName(file.Path)}'",
        ToneAudio tone => $"Tone({tone.Frequency:0.##} Hz)",
        FunctionAudio => "AudioFrames",
        _ => "Silence",
    };

    public override IEnumerable<string> InputFiles() => Source is FileAudio file ? base.InputFiles().Append(file.Path) : base.InputFiles();
}
