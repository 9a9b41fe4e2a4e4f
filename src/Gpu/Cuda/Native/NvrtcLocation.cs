namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// Where NVRTC is looked for: <see cref="Path"/> (<c>SC_NVRTC_PATH</c>) when set, else the folders and names
/// <see cref="NvrtcSearch"/> tries, some of them named by <see cref="SearchVariables"/> (<c>CUDA_HOME</c>, <c>CUDA_PATH</c>,
/// <c>CUDA_ROOT</c>, <c>VIRTUAL_ENV</c>, <c>CONDA_PREFIX</c>, <c>HOME</c>: those set, as the host read them). The host sets it
/// with <see cref="CudaLoader.Configure"/> before anything probes NVRTC.
/// </summary>
public sealed record NvrtcLocation(string? Path, IReadOnlyDictionary<string, string> SearchVariables)
{
    /// <summary>The variables <see cref="NvrtcSearch"/> reads.</summary>
    public static readonly IReadOnlyList<string> SearchVariableNames = ["CUDA_HOME", "CUDA_PATH", "CUDA_ROOT", "VIRTUAL_ENV", "CONDA_PREFIX", "HOME"];

    /// <summary>No path and no variables: the fixed folders and the system loader only.</summary>
    public static NvrtcLocation Default { get; } = new(null, new Dictionary<string, string>());

    /// <summary>A variable's value as the search reads it: null when unset.</summary>
    public string? Variable(string name) => SearchVariables.TryGetValue(name, out var value) ? value : null;
}
