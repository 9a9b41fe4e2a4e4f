using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>The suite on the CPU twins (always runs). Its agreement tests check the poisoning and comparison machinery itself.</summary>
public sealed class CpuBackendTests : BackendSuite
{
    protected override IComputeBackend CreateBackend() => new CpuBackend();
}
