namespace ScriptComposer.Host.Commands;

/// <summary><c>sc doctor</c> (placeholder until the CUDA backend's report lands).</summary>
internal static class DoctorCommand
{
    public static int Run(TextWriter output, bool verbose)
    {
        output.WriteLine($"ffmpeg: {ScriptComposer.Dsl.Media.FfmpegTools.Version()}");
        return 0;
    }
}
