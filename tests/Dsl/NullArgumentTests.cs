using System.Reflection;
using System.Runtime.CompilerServices;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Dsl.Transitions;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// A null given to any of the DSL's entry points is refused at once with a message that names the method, the
/// parameter and the fix, not .NET's bare "Value cannot be null." (or a NullReferenceException at render time).
/// </summary>
public class NullArgumentTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static TheoryData<string> EntryPointParameters()
    {
        var data = new TheoryData<string>();
        foreach (var (method, parameter) in NotNullParameters())
            data.Add(Describe(method, parameter));
        return data;
    }

    [Theory]
    [MemberData(nameof(EntryPointParameters))]
    public void A_null_argument_is_named_with_its_method_and_a_fix(string entry)
    {
        var (method, parameter) = NotNullParameters().Single(p => Describe(p.Method, p.Parameter) == entry);
        var arguments = method.GetParameters().Select(p => p == parameter ? null : SampleFor(p)).ToArray();
        var receiver = method.IsStatic ? null : SampleReceiver(method.DeclaringType!);

        var error = Record.Exception(() => method.Invoke(receiver, BindingFlags.DoNotWrapExceptions, null, arguments, null));

        Assert.NotNull(error);
        Assert.IsNotType<NullReferenceException>(error);
        Assert.DoesNotContain("Value cannot be null", error.Message);
        Assert.DoesNotContain("must not be empty", error.Message);
        Assert.Contains(parameter.Name!, error.Message);
    }

    [Fact]
    public void Render_names_its_clip()
    {
        var globals = new ScriptGlobals(ScriptArgs.Empty);

        var error = Assert.Throws<ArgumentNullException>(() => globals.Render(null!, "out/c.mp4", fps: 10));

        Assert.StartsWith("Render's clip is null: give it a clip, such as Video(\"in.mp4\").", error.Message);
    }

    [Fact]
    public void Text_names_its_text()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Clips.Text(null!));

        Assert.StartsWith("Text's text is null: give it a string, such as \"Hello\".", error.Message);
    }

    private static IEnumerable<(MethodInfo Method, ParameterInfo Parameter)> NotNullParameters()
    {
        var methods = typeof(Clips).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(Clip).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.DeclaringType == typeof(Clip)))
            .Concat(typeof(ScriptGlobals).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.DeclaringType == typeof(ScriptGlobals)))
            .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && !IsRecordMember(m));
        foreach (var method in methods)
        {
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.ParameterType.IsValueType || parameter.ParameterType.IsByRef || parameter.IsDefined(typeof(CallerFilePathAttribute)))
                    continue;
                if (Nullability.Create(parameter).WriteState != NullabilityState.NotNull)
                    continue;
                yield return (method, parameter);
            }
        }
    }

    private static bool IsRecordMember(MethodInfo method) =>
        method.Name is "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "<Clone>$" or "Deconstruct" or "GetType";

    private static string Describe(MethodInfo method, ParameterInfo parameter) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))}) {parameter.Name}";

    private static object SampleReceiver(Type type) => Clips.Color(8, 8, "red").WithDuration(1) is var clip && type.IsInstanceOfType(clip)
        ? clip
        : type == typeof(ScriptGlobals) ? new ScriptGlobals(ScriptArgs.Empty) : throw new InvalidOperationException(type.Name);

    private static object? SampleFor(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue is null && parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : parameter.DefaultValue;
        var type = parameter.ParameterType;
        if (type.IsAssignableFrom(typeof(ColorClip)))
            return Clips.Color(8, 8, "red").WithDuration(1);
        if (type == typeof(string))
            return "red";
        if (type == typeof(double))
            return 1.0;
        if (type == typeof(Seconds))
            return (Seconds)0.5;
        if (type == typeof(ColorValue))
            return (ColorValue)"red";
        if (type == typeof(int))
            return 64;
        if (type == typeof(double[]))
            return new[] { 0.0, 1.0 };
        if (type == typeof(Transition))
            return Transition.Fade(0.1);
        if (type.IsArray && type.GetElementType()!.IsAssignableFrom(typeof(ColorClip)))
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Clips.Color(8, 8, "red").WithDuration(1), 0);
            return array;
        }
        if (type.IsAssignableFrom(typeof(Clip[])))
            return new Clip[] { Clips.Color(8, 8, "red").WithDuration(1) };
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}
