using System.CommandLine;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Init;

namespace ScriptComposer.Host.Commands;

/// <summary><c>sc init [DIR]</c>: a starter project an editor understands, or the editor folder of an existing one brought up to date.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("DIR") { Description = "The project folder (created when missing; default: this one).", DefaultValueFactory = _ => "." };
        var verbose = CommonOptions.Verbose();
        var command = new Command("init", "Start a project: an example script, a media sample, a README, and what editors need to complete the DSL.") { folder, verbose };
        command.SetAction(result => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var dir = result.GetValue(folder)!;
            var written = ProjectFolder.Create(dir);
            foreach (var file in written)
                stdout.WriteLine($"  {file}");
            var script = Path.Combine(dir, ProjectFolder.ExampleScript);
            var quoted = ShellQuote.Quote(script);
            stdout.WriteLine($"sc init: {Path.GetFullPath(dir)} is ready (existing files were left as they were). Try: sc render {quoted}, or sc watch {quoted}");
            return 0;
        }));
        return command;
    }
}
