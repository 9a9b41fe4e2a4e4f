using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// The suite on a real GPU, one backend (one primary context, kernels loaded once) for the whole class rather than one per test;
/// every test skips, naming the reason, where CUDA is not available. <c>SC_CUDA_SYNC=1</c> checks every launch at once, so a fault
/// names its kernel.
/// </summary>
public sealed class CudaBackendTests(CudaBackendTests.SharedBackend shared) : BackendSuite, IClassFixture<CudaBackendTests.SharedBackend>
{
    protected override bool SharesBackend => true;

    /// <summary>Every random plan's shape is a kernel NVRTC compiles (about half a second each): enough plans, not a few minutes of them.</summary>
    protected override int FusedPlanCount => 20;

    protected override IComputeBackend CreateBackend() => shared.Get();

    /// <summary>The class's one CUDA backend, created and warmed up at its first use and disposed after the class's last test.</summary>
    public sealed class SharedBackend : IDisposable
    {
        private readonly Lazy<CudaBackend?> _backend = new(() =>
        {
            if (!CudaLoader.Probe().IsAvailable)
                return null;
            var backend = new CudaBackend(Host.Configuration.ScOptions.Current.Cuda);
            backend.Warm();
            return backend;
        });

        public CudaBackend Get()
        {
            var status = CudaLoader.Probe();
            Skip.IfNot(status.IsAvailable, $"no GPU here: {status.Reason}");
            return _backend.Value!;
        }

        public void Dispose()
        {
            if (_backend.IsValueCreated)
                _backend.Value?.Dispose();
        }
    }
}
