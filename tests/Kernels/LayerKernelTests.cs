using System.Globalization;
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
        ["three hundred"] = ThreeHundred,
    };

    /// <summary>
    /// 300 layers, masked and faded in runs, every blend mode, a few lone layers between runs: far past the 4 KB of kernel parameters
    /// that NVRTC up to 12.0 allows (about 73 masked and faded layers when each layer's values were parameters).
    /// </summary>
    internal static LayerShape[] ThreeHundred =>
        [.. Enumerable.Range(0, 300).Select(i => i % 37 == 5 ? new LayerShape(false, BlendMode.Screen, false) : new LayerShape(i / 25 % 2 == 0, (BlendMode)(i / 40 % 7), i / 15 % 3 != 1))];

    [Fact]
    public void The_same_shape_is_the_same_kernel_and_another_shape_another()
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
    [InlineData("empty")]
    [InlineData("one")]
    [InlineData("masked faded")]
    [InlineData("three hundred")]
    public void Every_entry_point_takes_eight_parameters_however_many_layers(string shape)
    {
        var kernel = LayerKernel.For(Shapes[shape]);
        Assert.Equal(8, LayerKernel.ArgumentCount);
        foreach (var entry in kernel.Source.EntryPoints)
        {
            var signature = Regex.Match(kernel.Source.Text, $@"__global__ void {entry}\(([^)]*)\)").Groups[1].Value;
            Assert.Equal(LayerKernel.ArgumentCount, signature.Split(',').Length);
            Assert.EndsWith("const sc_layer_values* layers", signature, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_run_of_layers_of_one_shape_is_one_loop_and_every_layer_is_called_once_in_order()
    {
        var kernel = LayerKernel.For([Normal, Normal, Normal, new LayerShape(true, BlendMode.Multiply, true), Normal]);
        Assert.Contains("for (int i = 0; i < 3; i++) // layers 0 to 2: 0\n        sc_layer_of(r, g, b, a, x, y, layers[i], 0, 0, 0);", kernel.Source.Text, StringComparison.Ordinal);
        Assert.Contains("sc_layer_of(r, g, b, a, x, y, layers[3], 1, 2, 1); // layer 3: 2mf", kernel.Source.Text, StringComparison.Ordinal);
        Assert.Contains("sc_layer_of(r, g, b, a, x, y, layers[4], 0, 0, 0); // layer 4: 0", kernel.Source.Text, StringComparison.Ordinal);

        var big = LayerKernel.For(ThreeHundred);
        var covered = new List<int>();
        foreach (Match call in Regex.Matches(big.Source.Text, @"for \(int i = (\d+); i < (\d+); i\+\+\)|layers\[(\d+)\]"))
        {
            if (call.Groups[1].Success)
                covered.AddRange(Enumerable.Range(int.Parse(call.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(call.Groups[2].Value, CultureInfo.InvariantCulture) - int.Parse(call.Groups[1].Value, CultureInfo.InvariantCulture)));
            else
                covered.Add(int.Parse(call.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        Assert.Equal(Enumerable.Range(0, 300), covered);
    }

    [Fact]
    public void The_key_of_a_span_finds_the_same_kernel()
    {
        LayerShape[] shape = [Normal, new LayerShape(true, BlendMode.Lighten, true), new LayerShape(false, BlendMode.Overlay, true)];
        var kernel = LayerKernel.For(shape);
        Assert.Same(kernel, LayerKernel.For(shape.AsSpan(), new char[LayerKernel.KeyLength(shape.Length)]));
        Assert.Same(LayerKernel.For(ThreeHundred), LayerKernel.For(ThreeHundred.AsSpan(), new char[LayerKernel.KeyLength(300)]));
        Assert.Same(LayerKernel.For([]), LayerKernel.For([], Span<char>.Empty));
    }

    [Fact]
    public void Layer_values_is_the_kernels_struct_field_for_field()
    {
        var header = KernelSources.Headers.Single(h => h.Name == "layers").Text;
        var body = Regex.Match(header, @"struct sc_layer_values\s*\{(.*?)\};", RegexOptions.Singleline).Groups[1].Value;
        var kernelFields = Regex.Matches(body, @"^\s*(?:const\s+)?(\w+\*?)\s+(\w+);", RegexOptions.Multiline)
            .Select(m => (Type: m.Groups[1].Value, Name: m.Groups[2].Value.Replace("_", "", StringComparison.Ordinal))).ToArray();
        var fields = typeof(LayerValues).GetFields();
        Assert.Equal(kernelFields.Select(f => f.Name), fields.Select(f => f.Name.ToLowerInvariant()));
        foreach (var ((type, name), field) in kernelFields.Zip(fields))
        {
            var expected = type.EndsWith('*') ? typeof(ulong) : type == "int" ? typeof(int) : typeof(float);
            Assert.True(field.FieldType == expected, $"{name} is {type} in layers.cuh but {field.FieldType.Name} in LayerValues");
        }
        Assert.Equal(56, System.Runtime.CompilerServices.Unsafe.SizeOf<LayerValues>());
        Assert.Contains("static_assert(sizeof(sc_layer_values) == 56", header, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_blend_mode_is_rejected() =>
        Assert.Throws<ArgumentException>(() => LayerKernel.For([new LayerShape(false, (BlendMode)9, false)]));

    [SkippableTheory]
    [MemberData(nameof(ShapesAndTargets))]
    public void Compiles_with_nvrtc(string shape, int architecture, bool cubin)
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
                Assert.Equal(LayerKernel.ArgumentCount, Regex.Matches(parameters, @"\.param\b").Count);
            }
            Assert.DoesNotContain("fma.rn.f32", ptx, StringComparison.Ordinal); // --fmad=false: in step with the CPU twin to the bit
        }
        Assert.True(string.IsNullOrWhiteSpace(compiled.Log) || !compiled.Log.Contains("warning", StringComparison.OrdinalIgnoreCase), $"NVRTC warned:\n{compiled.Log}");
    }
}
