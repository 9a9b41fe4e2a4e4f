namespace ScriptComposer.Gpu.Cuda;

/// <summary>Whether NVRTC (the runtime CUDA compiler) could be loaded and compiles, which one, and what it can target.</summary>
public sealed record NvrtcStatus(bool IsAvailable, string Reason, string? Library, Version? Version, IReadOnlyList<int> SupportedArchitectures)
{
    /// <summary>True when this NVRTC can emit CUBIN (nvrtcGetCUBIN, 11.1+) rather than PTX only.</summary>
    public bool CanEmitCubin { get; init; }

    /// <summary>"11.8" etc., or "none".</summary>
    public string VersionText => Version is null ? "none" : $"{Version.Major}.{Version.Minor}";

    /// <summary>The file NVRTC was loaded from, where it could be told.</summary>
    public string? LibraryFile { get; init; }

    /// <summary>libnvrtc-builtins as loaded ahead of NVRTC's first compile, or why it could not be.</summary>
    public string? Builtins { get; init; }

    /// <summary>Newer NVRTCs found and passed over, with why (one newer than the driver compiles PTX the driver refuses).</summary>
    public IReadOnlyList<string> PassedOver { get; init; } = [];
}
