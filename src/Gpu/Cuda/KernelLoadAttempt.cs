namespace ScriptComposer.Gpu.Cuda;

/// <summary>One try at loading a kernel: the target it was compiled for, the driver's error by name and meaning, the JIT's log.</summary>
public sealed record KernelLoadAttempt(KernelTarget Target, int Error, string ErrorName, string Description, string JitLog);
