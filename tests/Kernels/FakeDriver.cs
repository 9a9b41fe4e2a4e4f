using System.Text;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// cuModuleLoadDataEx as a driver would answer it, without a driver: refuses what <see cref="Refuse"/> says with its error and a JIT
/// log, and otherwise accepts what looks like a whole PTX text or an ELF CUBIN (so a damaged cache entry is refused, as the driver
/// refuses it with CUDA_ERROR_INVALID_IMAGE). Records every image it was given.
/// </summary>
internal sealed class FakeDriver
{
    private int _modules;

    /// <summary>The error for an image of this target, or 0 to look at the image itself.</summary>
    public Func<KernelImage, int> Refuse { get; init; } = _ => 0;

    public List<KernelImage> Loaded { get; } = [];

    internal sealed record KernelImage(bool Cubin, string Text);

    public int Load(byte[] image, out nint module, out string jitLog)
    {
        var cubin = image.Length >= 4 && image[0] == 0x7f && image[1] == (byte)'E' && image[2] == (byte)'L' && image[3] == (byte)'F';
        var text = Encoding.ASCII.GetString(image);
        var kernel = new KernelImage(cubin, text);
        Loaded.Add(kernel);
        module = 0;
        var refused = Refuse(kernel);
        if (refused != 0)
        {
            jitLog = $"ptxas fatal   : fake driver refuses this image ({CudaResultText.Name(refused)})";
            return refused;
        }
        if (!cubin && !(text.StartsWith("//", StringComparison.Ordinal) && text.Contains(".entry ", StringComparison.Ordinal) && text.EndsWith('\0')))
        {
            jitLog = "";
            return (int)CudaResult.InvalidImage;
        }
        jitLog = "";
        module = ++_modules;
        return 0;
    }
}
