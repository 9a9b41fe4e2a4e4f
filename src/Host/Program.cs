using ScriptComposer.Host.Commands;

var exit = ExitCleanup.Install(Console.Error, verbose: args.Contains("--verbose"));
var code = await ScCli.RunAsync(args, Console.Out, Console.Error);
exit.Finished();
// Ends now, with the command's code, whatever threads the script left running: a foreground one would keep the process alive.
Environment.Exit(code);
