using ScriptComposer.Host.Commands;

var exit = ExitCleanup.Install(Console.Error);
var code = await ScCli.RunAsync(args, Console.Out, Console.Error);
exit.Finished();
return code;
