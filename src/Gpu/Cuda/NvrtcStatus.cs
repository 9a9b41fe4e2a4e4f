namespace ScriptComposer.Gpu.Cuda;

/// <summary>Whether NVRTC (the runtime CUDA compiler) could be loaded, which one, and what it can target.</summary>
public sealed record NvrtcStatus(bool IsAvailable, string Reason, string? Library, Version? Version, IReadOnlyList<int> SupportedArchitectures)
{
    /// <summary>True when this NVRTC can emit CUBIN (nvrtcGetCUBIN, 11.1+) rather than PTX only.</summary>
    public bool CanEmitCubin { get; init; }

    /// <summary>"11.8" etc., or "none".</summary>
    public string VersionText => Version is null ? "none" : $"{Version.Major}.{Version.Minor}";
}
