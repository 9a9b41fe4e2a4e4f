using System.Text;
using System.Text.RegularExpressions;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// The fused composite kernels generated from a plan's shape: one source per shape (cached by a hash of it), two entry points
/// whose parameter lists match what the backend packs, and NVRTC compiles them for several shapes and architectures.
/// </summary>
public sealed partial class LayerKernelTests(ITestOutputHelper output)
{
    private static readonly LayerShape Normal = new(false, BlendMode.Normal, false);

    public static TheoryData<string, int, bool> ShapesAndTargets()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var shape in Shapes.Keys)
        {
            data.Add(shape, 75, false);
            data.Add(shape, 90, false);
            data.Add(shape, 80, true);
        }
        return data;
    }

    /// <summary>Shapes by name: none, one plain layer, one of each feature, every blend mode, and 16 mixed layers.</summary>
    private static readonly Dictionary<string, LayerShape[]> Shapes = new()
    {
        ["empty"] = [],
        ["one"] = [Normal],
        ["masked faded"] = [new LayerShape(true, BlendMode.Normal, true)],
        ["every mode"] = [.. Enum.GetValues<BlendMode>().Select((m, i) => new LayerShape(i % 2 == 0, m, i % 3 == 0))],
        ["sixteen"] = [.. Enumerable.Range(0, 16).Select(i => new LayerShape(i % 3 == 0, (BlendMode)(i % 7), i % 4 == 1))],
    };

    [Fact]
    public void TheSameShape_IsTheSameKernel_AndAnotherShapeAnother()
    {
        var a = LayerKernel.For([Normal, new LayerShape(true, BlendMode.Screen, true)]);
        var b = LayerKernel.For([Normal, new LayerShape(true, BlendMode.Screen, true)]);
        Assert.Same(a, b);
        Assert.NotEqual(a.Source.Name, LayerKernel.For([Normal, new LayerShape(true, BlendMode.Screen, false)]).Source.Name);
        Assert.NotEqual(a.Source.Name, LayerKernel.For([new LayerShape(true, BlendMode.Screen, true), Normal]).Source.Name);
        Assert.NotEqual(a.Source.Name, LayerKernel.For([Normal]).Source.Name);
        Assert.Equal([a.EntryPoint, a.YuvEntryPoint], a.Source.EntryPoints);
        Assert.StartsWith("sc_layers_", a.EntryPoint, StringComparison.Ordinal);
        Assert.Equal("0|3mf", string.Join("|", a.Shape));
    }

    [Theory]
    [InlineData("empty", 7)]
    [InlineData("one", 13)]
    [InlineData("masked faded", 18)]
    public void TheParameterList_HasArgumentCountEntries(string shape, int count)
    {
        var kernel = LayerKernel.For(Shapes[shape]);
        Assert.Equal(count, kernel.ArgumentCount);
        foreach (var entry in kernel.Source.EntryPoints)
        {
            var signature = Regex.Match(kernel.Source.Text, $@"__global__ void {entry}\(([^)]*)\)").Groups[1].Value;
            Assert.Equal(count, signature.Split(',').Length);
        }
    }

    [Fact]
    public void AnUnknownBlendMode_IsRejected() =>
        Assert.Throws<ArgumentException>(() => LayerKernel.For([new LayerShape(false, (BlendMode)9, false)]));

    [SkippableTheory]
    [MemberData(nameof(ShapesAndTargets))]
    public void CompilesWithNvrtc(string shape, int architecture, bool cubin)
    {
        var nvrtc = Requirements.Nvrtc();
        Skip.IfNot(nvrtc.SupportedArchitectures.Contains(architecture), $"NVRTC {nvrtc.VersionText} does not support architecture {architecture}");
        Skip.If(cubin && !nvrtc.CanEmitCubin, $"NVRTC {nvrtc.VersionText} cannot emit CUBIN");
        var kernel = LayerKernel.For(Shapes[shape]);
        var compiled = new KernelCompiler(cacheDirectory: "", useMemoryCache: false).Compile(kernel.Source, new KernelTarget(architecture, cubin));
        output.WriteLine($"{shape} ({string.Join("|", kernel.Shape)}), sm_{architecture} {(cubin ? "CUBIN" : "PTX")}: {compiled.Elapsed.TotalMilliseconds:0} ms, {compiled.Image.Length} bytes");
        if (cubin)
        {
            Assert.Equal("\u007fELF", Encoding.ASCII.GetString(compiled.Image, 0, 4));
            Assert.Contains(kernel.YuvEntryPoint, Encoding.ASCII.GetString(compiled.Image), StringComparison.Ordinal);
        }
        else
        {
            var ptx = compiled.Ptx!;
            foreach (var entry in kernel.Source.EntryPoints)
            {
                var parameters = Regex.Match(ptx, $@"\.entry {entry}\((.*?)\)", RegexOptions.Singleline).Groups[1].Value;
                Assert.Equal(kernel.ArgumentCount, Regex.Matches(parameters, @"\.param\b").Count);
            }
            Assert.DoesNotContain("fma.rn.f32", ptx, StringComparison.Ordinal); // --fmad=false: in step with the CPU twin to the bit
        }
        Assert.True(string.IsNullOrWhiteSpace(compiled.Log) || !compiled.Log.Contains("warning", StringComparison.OrdinalIgnoreCase), $"NVRTC warned:\n{compiled.Log}");
    }
}
