using System.Reflection;
using Microsoft.CodeAnalysis;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// How a compiled script is entered: Roslyn makes a static <c>&lt;Factory&gt;</c> method on the submission class, which
/// takes the submission array (the globals, then a slot for the submission itself) and runs the script as a task.
/// </summary>
internal static class SubmissionEntry
{
    /// <summary>The metadata name of the type holding <paramref name="entryPoint"/>, for <see cref="Assembly.GetType(string)"/>.</summary>
    public static string TypeName(IMethodSymbol entryPoint)
    {
        var type = entryPoint.ContainingType;
        return type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : $"{type.ContainingNamespace.ToDisplayString()}.{type.MetadataName}";
    }

    public static MethodInfo Find(Assembly assembly, string typeName, string methodName) =>
        assembly.GetType(typeName, throwOnError: true)!
            .GetMethod(methodName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;

    /// <summary>Runs the script to its end; what it throws comes out unwrapped.</summary>
    public static void Run(MethodInfo factory, ScriptGlobals globals)
    {
        var run = (Task<object>)factory.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [new object?[] { globals, null }], null)!;
        run.GetAwaiter().GetResult();
    }
}
