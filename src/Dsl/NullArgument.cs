using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ScriptComposer.Dsl.Layout;
using ScriptComposer.Dsl.Transitions;

namespace ScriptComposer.Dsl;

/// <summary>
/// Refuses a null argument with a message that names the DSL method, the parameter and what to give instead
/// ("Render's clip is null: give it a clip, such as Video(\"in.mp4\")."), not .NET's bare "Value cannot be null.".
/// </summary>
internal static class NullArgument
{
    /// <param name="example">What to give instead, when the parameter's type says too little (a path, say).</param>
    /// <param name="method">The script-facing method; filled in by the compiler where the check is in that method.</param>
    public static void ThrowIfNull<T>([NotNull] T? value, string? example = null,
        [CallerArgumentExpression(nameof(value))] string parameter = "", [CallerMemberName] string method = "") where T : class
    {
        if (value is null)
            throw new ArgumentNullException(parameter, Message(method, parameter, example ?? ExampleOf(typeof(T))));
    }

    public static string Message(string method, string parameter, string example) => $"{method}'s {parameter} is null: give it {example}.";

    public const string PathExample = "a file path, such as \"media/in.mp4\"";

    private static string ExampleOf(Type type) => type switch
    {
        _ when type == typeof(string) => "a string, such as \"Hello\"",
        _ when typeof(AudioClip).IsAssignableFrom(type) => "a sound, such as Audio(\"music.mp3\")",
        _ when typeof(Clip).IsAssignableFrom(type) => "a clip, such as Video(\"in.mp4\")",
        _ when typeof(IEnumerable<Clip>).IsAssignableFrom(type) || type == typeof(Clip[,]) => "clips, such as [Video(\"a.mp4\"), Video(\"b.mp4\")]",
        _ when type == typeof(Func<double, double>) => "a number, a t => value function or Keyframes, such as 0.5",
        _ when typeof(Transition).IsAssignableFrom(type) => "a transition, such as Transition.Fade(1)",
        _ when typeof(Position).IsAssignableFrom(type) => "a position, such as Pos.Center",
        _ when typeof(Delegate).IsAssignableFrom(type) => "a function (a lambda such as (t, x) => ...)",
        _ when type.IsArray => "an array, such as [0.0, 1.0]",
        _ => $"a {type.Name}",
    };
}
