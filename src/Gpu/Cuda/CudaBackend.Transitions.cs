namespace ScriptComposer.Gpu.Cuda;

/// <summary>Transitions: the built-in ones (<c>Kernels/transition.cu</c>, one entry point per family) and users' own.</summary>
public sealed unsafe partial class CudaBackend
{
    public void Transition(DeviceImage from, DeviceImage to, DeviceImage target, in TransitionParams parameters)
    {
        var (f, t, d) = (Mine(from), Mine(to), Mine(target));
        KernelMath.CheckTransition(f, t, d);
        var entry = parameters.Kind switch
        {
            TransitionKind.Fade or TransitionKind.FadeColor => "sc_transition_mix",
            >= TransitionKind.WipeLeft and <= TransitionKind.WipeBottomRight => "sc_transition_wipe",
            >= TransitionKind.SlideLeft and <= TransitionKind.CoverDown => "sc_transition_slide",
            >= TransitionKind.CircleOpen and <= TransitionKind.RectOpen => "sc_transition_shape",
            TransitionKind.Dissolve => "sc_transition_dissolve",
            TransitionKind.ZoomIn => "sc_transition_zoom",
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), $"There is no transition {(int)parameters.Kind}."),
        };
        var color = KernelMath.PremultipliedBytes(parameters.Color);
        ulong fp = f.Pointer, tp = t.Pointer, dp = d.Pointer;
        int width = d.Width, height = d.Height, kind = (int)parameters.Kind, r = color.R, g = color.G, b = color.B, a = color.A;
        var progress = Math.Clamp(parameters.Progress, 0f, 1f);
        var args = stackalloc void*[] { &fp, &tp, &dp, &width, &height, &kind, &progress, &r, &g, &b, &a };
        Launch(Function(entry), width, height, args, 11);
    }

    /// <remarks>A transition without a CUDA body runs its C# function on the host (two downloads and one upload).</remarks>
    public void ApplyTransitionEffect(DeviceImage from, DeviceImage to, DeviceImage target, TransitionEffect effect, float progress)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var (f, t, d) = (Mine(from), Mine(to), Mine(target));
        KernelMath.CheckTransition(f, t, d);
        if (effect.Cuda is null)
        {
            var a = GC.AllocateUninitializedArray<byte>(f.ByteCount);
            var b = GC.AllocateUninitializedArray<byte>(t.ByteCount);
            var pixels = GC.AllocateUninitializedArray<byte>(d.ByteCount);
            Download(f, a);
            Download(t, b);
            Cpu.CpuBackend.RunTransitionFunction(a, b, pixels, d.Width, d.Height, effect, progress);
            Upload(pixels, d);
            return;
        }
        var kernel = effect.Kernel;
        nint function;
        try
        {
            function = Function(kernel.Source, kernel.EntryPoint);
        }
        catch (KernelCompileException e)
        {
            throw new PixelEffectException(
                $"The CUDA code of transition '{effect.Name}' does not compile (NVRTC; lines count from the first line of the cuda: string):{Environment.NewLine}{e.Log.TrimEnd()}", e);
        }
        ulong fp = f.Pointer, tp = t.Pointer, dp = d.Pointer;
        int width = d.Width, height = d.Height;
        var p = progress;
        var args = stackalloc void*[] { &fp, &tp, &dp, &width, &height, &p };
        Launch(function, width, height, args, 6);
    }
}
