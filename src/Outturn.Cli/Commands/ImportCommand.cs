using System.CommandLine;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Spectre.Console;

namespace Outturn.Cli.Commands;

internal static class ImportCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: true);
        var files = new Argument<string[]>("files")
        {
            Description = "CSV files (measures, values) or .xlsx workbooks.",
            Arity = ArgumentArity.OneOrMore,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check the files and say what would change, without changing anything.",
        };
        var user = new Option<string>("--user")
        {
            Description = "Who the change history records. Default: the signed-in user.",
            DefaultValueFactory = _ => Environment.UserName,
        };
        var reason = new Option<string?>("--reason")
        {
            Description =
                "Why figures of locked months are being corrected, kept with each change. Without it, a row "
                + "that changes a locked month's figure is refused.",
        };
        var command = new Command(
            "import",
            "Import measures and values in the interchange format (see docs/import-format.md). All or nothing."
        )
        {
            org,
            files,
            dryRun,
            user,
            reason,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    db =>
                        RunAsync(
                            db,
                            parse,
                            parse.GetValue(org)!,
                            parse.GetValue(files)!,
                            parse.GetValue(user)!,
                            parse.GetValue(dryRun),
                            parse.GetValue(reason),
                            ct
                        )
                )
        );
        return command;
    }

    public static async Task<int> RunAsync(
        OutturnDbContext db,
        ParseResult parse,
        string org,
        string[] files,
        string user,
        bool dryRun,
        string? reason,
        CancellationToken ct
    )
    {
        var importer = new Importer(db, TimeProvider.System) { CorrectionReason = reason };
        try
        {
            var result = await WithProgressAsync(progress =>
                importer.ImportAsync(org, files, user, apply: !dryRun, progress, ct)
            );
            CommonOptions
                .Out(parse)
                .WriteLine(
                    (
                        dryRun
                            ? "Checked, nothing changed. Would have: "
                            : $"Imported into '{org}'{(result.OrganisationCreated ? " (new organisation)" : "")}: "
                    ) + result
                );
            return 0;
        }
        catch (ImportRejectedException ex)
        {
            return await CommonOptions.RejectedAsync(parse, ex);
        }
    }

    private static async Task<T> WithProgressAsync<T>(Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<ImportProgress>());
        }

        return await AnsiConsole
            .Progress()
            .AutoClear(true)
            .StartAsync(async context =>
            {
                var task = context.AddTask("Reading files", maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = Markup.Escape(p.Stage);
                    task.IsIndeterminate = p.Total == 0;
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                return await work(progress);
            });
    }
}
