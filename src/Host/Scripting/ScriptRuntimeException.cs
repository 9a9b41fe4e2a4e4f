using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Scripting;

/// <summary>A script that threw while it ran, with the script line the exception came from when it is known.</summary>
public sealed class ScriptRuntimeException(string? file, int? line, Exception inner)
    : ScriptComposerException(Format(file, line, inner), inner)
{
    public string? File { get; } = file;

    public int? Line { get; } = line;

    private static string Format(string? file, int? line, Exception inner)
    {
        var where = file is null ? "the script" : line is null ? file : $"{file}({line})";
        // Some errors already point into the script more precisely (a CUDA body's own line).
        if (file is not null && inner.Message.StartsWith(file + "(", StringComparison.Ordinal))
            return inner.Message;
        var message = inner.Message;
        // ArgumentException appends " (Parameter 'x')", which says nothing the message has not said.
        if (inner is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return $"{where}: error: {message}";
    }
}
