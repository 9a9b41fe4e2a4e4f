namespace ScriptComposer.Tests.Kernels;

/// <summary>g++ could not compile the kernels for the CPU harness; carries g++'s messages.</summary>
internal sealed class ShimBuildException(string message, string compilerOutput) : InvalidOperationException(message)
{
    public string CompilerOutput { get; } = compilerOutput;
}
