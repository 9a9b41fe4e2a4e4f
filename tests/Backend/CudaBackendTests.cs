using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Backend;

/// <summary>The suite on a real GPU; every test skips, naming the reason, where CUDA is not available.</summary>
public sealed class CudaBackendTests : BackendSuite
{
    protected override IComputeBackend CreateBackend()
    {
        var status = CudaLoader.Probe();
        Skip.IfNot(status.IsAvailable, $"no GPU here: {status.Reason}");
        var backend = new CudaBackend();
        backend.Warm();
        return backend;
    }
}
