using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// Compiles a kernel and has the driver load it, recovering from what real machines do to a first load:
/// <list type="bullet">
/// <item>an image from the cache that the driver refuses (a damaged file, an entry written by another driver) is deleted and
/// compiled once more;</item>
/// <item>a target the driver refuses (PTX newer than the driver: CUDA_ERROR_UNSUPPORTED_PTX_VERSION; CUDA_ERROR_INVALID_PTX,
/// CUDA_ERROR_NO_BINARY_FOR_GPU, ...) is retried as each of <see cref="KernelTarget.Fallbacks"/>, and the first that loads becomes the
/// target of every later kernel (<see cref="Note"/> says so);</item>
/// <item>every failure keeps the driver's error by name and the JIT's error log (<see cref="KernelLoadException"/>).</item>
/// </list>
/// The driver call is a parameter, so the tests drive this with each error a driver returns. Not thread-safe: its runtime calls it
/// under its lock.
/// </summary>
internal sealed class KernelLoader(KernelCompiler compiler, KernelTarget target, IReadOnlyList<KernelTarget> fallbacks, KernelLoader.LoadModule load)
{
    /// <summary>cuModuleLoadDataEx: the result, the module when it is 0, and the JIT's error log.</summary>
    internal delegate int LoadModule(byte[] image, out nint module, out string jitLog);

    /// <summary>The target kernels are compiled for now (the chosen one, or the fallback that loaded).</summary>
    public KernelTarget Target { get; private set; } = target;

    /// <summary>Why kernels are compiled for another target than the one chosen, once one had to be (null until then).</summary>
    public string? Note { get; private set; }

    public KernelCompiler Compiler => compiler;

    /// <summary>Compiles (or reads from the caches) each source now, several at once, for <see cref="Target"/>.</summary>
    public void Compile(IReadOnlyList<KernelSource> sources) =>
        Parallel.ForEach(sources, source => compiler.Compile(source, Target));

    /// <exception cref="KernelCompileException">NVRTC rejected the source.</exception>
    /// <exception cref="KernelLoadException">The driver refused it for every target.</exception>
    /// <exception cref="CudaException">The load failed for another reason than the image (e.g. the context is gone).</exception>
    public nint Load(KernelSource source)
    {
        var attempts = new List<KernelLoadAttempt>();
        var compiled = compiler.Compile(source, Target);
        if (TryLoad(compiled, attempts, out var module))
            return module;
        if (compiled.CacheSource != KernelCacheSource.Compiled)
        {
            compiler.Forget(source, Target);
            if (TryLoad(compiler.Compile(source, Target), attempts, out module))
                return module;
        }
        foreach (var fallback in fallbacks)
        {
            if (fallback == Target || attempts.Any(a => a.Target == fallback))
                continue;
            var tried = Target;
            CompiledKernel other;
            try
            {
                other = compiler.Compile(source, fallback);
            }
            catch (Exception e) when (e is KernelCompileException or ArgumentException)
            {
                continue; // NVRTC cannot build this fallback; the next one may do
            }
            if (TryLoad(other, attempts, out module))
            {
                Target = fallback;
                Note = $"kernels are compiled for {fallback}: the driver refused {tried} ({attempts[0].ErrorName})";
                return module;
            }
        }
        throw new KernelLoadException(source.Name, attempts);
    }

    private bool TryLoad(CompiledKernel compiled, List<KernelLoadAttempt> attempts, out nint module)
    {
        var result = load(compiled.Image, out module, out var jitLog);
        if (result == 0)
            return true;
        if (!CudaResultText.IsImageRefused(result))
            throw new CudaException($"cuModuleLoadDataEx (kernel '{compiled.Source.Name}', {compiled.Target})", result, CudaResultText.Name(result),
                CudaResultText.Description(result) + (jitLog.Length > 0 ? $"; JIT log: {jitLog}" : ""));
        attempts.Add(new KernelLoadAttempt(compiled.Target, result, CudaResultText.Name(result), CudaResultText.Description(result), jitLog));
        return false;
    }
}
