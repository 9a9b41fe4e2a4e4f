using System.CommandLine;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary><c>sc check SCRIPT</c>: compile only, print every diagnostic.</summary>
internal static class CheckCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var verbose = CommonOptions.Verbose();
        var command = new Command("check", "Compile a script without running it, and print its errors.") { script, verbose };
        command.SetAction(result => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var path = result.GetValue(script)!;
            host.Compile(path);
            stdout.WriteLine($"{path}: ok");
            return 0;
        }));
        return command;
    }
}
