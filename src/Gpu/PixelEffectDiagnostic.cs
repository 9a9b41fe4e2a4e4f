namespace ScriptComposer.Gpu;

/// <summary>
/// One NVRTC message about a pixel effect's CUDA body. <see cref="Line"/> counts from 1 at the body's first line
/// (0 when NVRTC blamed the generated wrapper rather than the body).
/// </summary>
public sealed record PixelEffectDiagnostic(int Line, string Severity, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Severity}: {Message}" : $"{Severity}: {Message}";
}
