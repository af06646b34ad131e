using System.CommandLine;
using Outturn.Cli.Commands;

namespace Outturn.Cli;

/// <summary>The `outturn` command and its subcommands.</summary>
public static class OutturnCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Outturn: performance management and scrutiny reporting for local government.");
        root.Options.Add(CommonOptions.Database);
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(SchemeCommand.Build());
        root.Subcommands.Add(EvaluateCommand.Build());
        root.Subcommands.Add(SummaryCommand.Build());
        root.Subcommands.Add(ExportCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(DueCommand.Build());
        root.Subcommands.Add(LocksCommand.Build());
        root.Subcommands.Add(BackupCommand.Build());
        root.Subcommands.Add(BackupCommand.BuildRestore());
        root.Subcommands.Add(SpcCommand.Build());
        root.Subcommands.Add(ComparisonsCommand.Build());
        root.Subcommands.Add(ComparisonsCommand.BuildCompare());
        root.Subcommands.Add(ComparisonsCommand.BuildOrg());
        root.Subcommands.Add(RemindersCommand.Build());
        root.Subcommands.Add(UsersCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }
}
