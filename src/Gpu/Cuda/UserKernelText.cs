using System.Security.Cryptography;
using System.Text;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The text of a kernel generated around a user's CUDA C body (<see cref="PixelEffectKernel"/>, <see cref="TransitionEffectKernel"/>):
/// the wrapper's head, then <c>#line 1 "BODY-FILE"</c> and the body, so NVRTC numbers the body's lines from its first, then a
/// <c>#line</c> back to the generated file for the wrapper's tail. Names carry a hash of the body, so every body is its own
/// kernel in the compile cache and several can share one program.
/// </summary>
internal static class UserKernelText
{
    /// <summary><paramref name="prefix"/> and the first 16 hex digits of the body's SHA-256.</summary>
    public static string Name(string prefix, string body) =>
        $"{prefix}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16]}";

    /// <summary>The whole text, and how many of its lines come before the body's first.</summary>
    public static (string Text, int BodyLineOffset) Compose(string head, string bodyFileName, string body, string generatedFileName, string tail)
    {
        var text = new StringBuilder(head);
        text.Append($"#line 1 \"{bodyFileName}\"\n");
        var offset = Lines(text);
        text.Append(body);
        if (!body.EndsWith('\n'))
            text.Append('\n');
        var afterBody = Lines(text) + 1;
        text.Append($"#line {afterBody + 1} \"{generatedFileName}\"\n");
        text.Append(tail);
        return (text.ToString(), offset);
    }

    private static int Lines(StringBuilder text)
    {
        var count = 0;
        foreach (var chunk in text.GetChunks())
            count += chunk.Span.Count('\n');
        return count;
    }
}
