using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Tests.Kernels;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>
/// A CUDA body that does not compile is reported at the script line of the error, wherever its string starts: a raw string opened
/// on a later line than the call (the body then starts on the line after its <c>"""</c>), one opened on the call's line, and a
/// one-line string (every body line, "\n" escapes and all, on the literal's line).
/// </summary>
public sealed class CudaBodyLineTests : IDisposable
{
    private readonly TempFolder _folder = new("cuda-line");

    public static TheoryData<string, string, int, int> Scripts => new()
    {
        {
            "raw string on a later line", """"
            // A custom per-pixel kernel
            var waves = PixelEffect(
                cuda: """
                    float s = 0.5f + 0.5f * sinf(0.05f * x + 4.0f * t);
                    px = make_float4(px.x * s, px.y, px.z * (1.0f - q), px.w);
                    """,
                cpu: (px, x, y, t) => px,
                name: "waves");
            """", 5, 4
        },
        {
            "raw string on the call's line", """"
            // A custom per-pixel kernel

            var waves = PixelEffect(cuda: """
                float s = 1.0f;
                px.x = s * q;
                """, cpu: (px, x, y, t) => px, name: "waves");
            """", 5, 4
        },
        {
            "one-line string", """"
            var waves = PixelEffect(
                cpu: (px, x, y, t) => px,
                name: "waves",
                cuda: "float s = 1.0f;\npx.x = s * q;");
            """", 4, 4
        },
        {
            "verbatim string over lines", """"
            var waves = PixelEffect(cuda: @"float s = 1.0f;
            float u = 2.0f;
            px.x = s * q;", cpu: (px, x, y, t) => px, name: "waves");
            """", 3, 1
        },
        {
            "custom transition's raw string", """"
            var a = Color(32, 16, "red").WithDuration(2);
            var wipe = Transition.Custom(1,
                name: "wipe",
                cuda: """
                    float4 c = a;
                    return no_such_thing(c, b);
                    """);
            """", 6, 5
        },
    };

    [SkippableTheory]
    [MemberData(nameof(Scripts))]
    public void The_error_is_at_the_scripts_line(string kind, string code, int line, int starts)
    {
        Requirements.Nvrtc();
        var script = _folder.Write("effect.csx", code);

        var error = Assert.Throws<ScriptRuntimeException>(() => new ScriptHost(new CompiledScriptCache(null)).Evaluate(script, ScriptArgs.Empty));

        Assert.True(error.Diagnostic.Line == line, $"{kind}: {error.Message}");
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(script)}\({line}\): error: the CUDA source of (transition )?\w+ \(starting on line {starts}\) does not compile", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
