using ScriptComposer.Host.Commands;

return await ScCli.RunAsync(args, Console.Out, Console.Error);
