using System.CommandLine;
using Outturn.Data.Storage;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn backup</c> and <c>outturn restore</c>: a consistent copy of a SQLite database while the web
/// app uses it, and putting one back (<see cref="Backups"/>).</summary>
internal static class BackupCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "The backup file to write (a new file).",
            Required = true,
        };
        var command = new Command(
            "backup",
            "Copy the SQLite database as it is at one moment, safely while the web app writes to it."
        )
        {
            output,
        };
        command.SetAction(
            (parse, ct) =>
                SqliteOnlyAsync(parse)
                ?? CommonOptions.RunAsync(
                    parse,
                    async _ =>
                    {
                        var target = DatabaseTarget.Parse(parse.GetValue(CommonOptions.Database));
                        var backup = await Backups.BackupAsync(target, parse.GetValue(output)!, ct);
                        await CommonOptions.Out(parse).WriteLineAsync($"Backed up {target} to {Describe(backup)}.");
                        return 0;
                    }
                )
        );
        return command;
    }

    public static Command BuildRestore()
    {
        var file = new Argument<string>("file") { Description = "A backup made by outturn backup." };
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace a database that already holds organisations.",
        };
        var command = new Command(
            "restore",
            "Put a backup back as the database (stop the web app first). Refused for a file that is not a whole "
                + "Outturn database."
        )
        {
            file,
            replace,
        };
        command.SetAction(
            (parse, ct) =>
                SqliteOnlyAsync(parse)
                ?? CommonOptions.RunAsync(
                    parse,
                    async _ =>
                    {
                        var target = DatabaseTarget.Parse(parse.GetValue(CommonOptions.Database));
                        var restored = await Backups.RestoreAsync(
                            parse.GetValue(file)!,
                            target,
                            parse.GetValue(replace),
                            ct
                        );
                        await CommonOptions.Out(parse).WriteLineAsync($"Restored {target} from {Describe(restored)}.");
                        return 0;
                    }
                )
        );
        return command;
    }

    /// <summary>For a PostgreSQL database, says to use its own tools (before connecting to it); null for
    /// SQLite.</summary>
    private static Task<int>? SqliteOnlyAsync(ParseResult parse) =>
        DatabaseTarget.Parse(parse.GetValue(CommonOptions.Database)).Provider == DatabaseProvider.Sqlite
            ? null
            : RefuseAsync(parse);

    private static async Task<int> RefuseAsync(ParseResult parse)
    {
        await CommonOptions.Error(parse).WriteLineAsync($"outturn: {Backups.PostgresWords}");
        return 1;
    }

    private static string Describe(BackupSummary s) =>
        $"{s.File} ({s.Bytes:N0} bytes: {s.Organisations} "
        + (s.Organisations == 1 ? "organisation" : "organisations")
        + $", {s.Entries:N0} figures)";
}
