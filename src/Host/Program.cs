using ScriptComposer.Host.Commands;

var exit = ExitCleanup.Install(Console.Error, verbose: args.Contains("--verbose"));
var code = await ScCli.RunAsync(args, Console.Out, Console.Error);
exit.Finished();
return code;
