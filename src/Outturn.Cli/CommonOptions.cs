using System.CommandLine;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Cli;

/// <summary>Options several commands share, and the handling of errors that every command shares.</summary>
internal static class CommonOptions
{
    public static readonly Option<string> Database = new("--database", "-d")
    {
        Description =
            "A SQLite file path, or a PostgreSQL connection string (Host=…;Database=…). Default: $OUTTURN_DATABASE, "
            + "or the file the web app uses too (~/.local/share/outturn/outturn.db).",
        Recursive = true,
        DefaultValueFactory = _ =>
            Environment.GetEnvironmentVariable("OUTTURN_DATABASE") ?? DatabaseTarget.DefaultSqlitePath,
    };

    public static Option<string> Org(bool required) =>
        new("--org")
        {
            Description = required
                ? "The organisation's name."
                : "The organisation's name (may be left out when the database holds one).",
            Required = required,
        };

    public static Option<string> Period() =>
        new("--period", "-p") { Description = $"The period: {Domain.Periods.Period.ExpectedForms}.", Required = true };

    public static Option<string> Format() =>
        new Option<string>("--format", "-f")
        {
            Description = "Output format: table, csv or json.",
            DefaultValueFactory = _ => "table",
        }.AcceptOnlyFromAmong("table", "csv", "json");

    public static Period ParsePeriod(string text) =>
        Domain.Periods.Period.TryParse(text, out var period, out var error)
            ? period
            : throw new OutturnException($"--period: {error}");

    /// <summary>Where a command writes what it reports: standard output, or the writer an in-process caller
    /// gave.</summary>
    public static TextWriter Out(ParseResult parse) => parse.InvocationConfiguration.Output;

    /// <summary>Where a command writes its problems: standard error, or the writer an in-process caller gave.</summary>
    public static TextWriter Error(ParseResult parse) => parse.InvocationConfiguration.Error;

    /// <summary>Prints a rejected import's problems, one a line, and gives the exit code for bad input (2).</summary>
    public static async Task<int> RejectedAsync(ParseResult parse, Data.Interchange.ImportRejectedException rejected)
    {
        await Error(parse).WriteLineAsync($"outturn: {rejected.Message}");
        foreach (var error in rejected.Errors)
        {
            await Error(parse).WriteLineAsync("  " + error);
        }

        return 2;
    }

    /// <summary>Runs a command body with its database open, turning known failures into a message and exit
    /// code.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<OutturnDbContext, Task<int>> body)
    {
        var target = DatabaseTarget.Parse(parse.GetValue(Database));
        try
        {
            await using var db = await target.OpenAsync();
            db.Actor = $"{Environment.UserName} (outturn command)";
            return await body(db);
        }
        catch (OutturnException ex)
        {
            await Error(parse).WriteLineAsync($"outturn: {ex.Message}");
            return 1;
        }
        catch (Exception ex)
            when (ex
                    is Npgsql.NpgsqlException
                        or Microsoft.Data.Sqlite.SqliteException
                        or IOException
                        or UnauthorizedAccessException
            )
        {
            await Error(parse).WriteLineAsync($"outturn: cannot use the database ({target}): {ex.Message}");
            return 3;
        }
    }
}
