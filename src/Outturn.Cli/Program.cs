using Outturn.Cli;

return await OutturnCommand.Build().Parse(args).InvokeAsync();
