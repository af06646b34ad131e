using System.Text.Json;
using Outturn.Data.Interchange;
using Outturn.Data.Tables;
using Spectre.Console;

namespace Outturn.Cli.Output;

/// <summary>Prints a <see cref="TextTable"/> as a console table, CSV or JSON (an array of objects).</summary>
internal static class Printer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="maxWidth">For the table format: the most columns it may take, its cells wrapped to fit.</param>
    public static void Print(
        TextTable table,
        string format,
        IReadOnlyList<string>? tableColumns = null,
        TextWriter? writer = null,
        int? maxWidth = null
    )
    {
        writer ??= Console.Out;
        switch (format)
        {
            case "csv":
                writer.Write(CsvOf(table));
                break;
            case "json":
                writer.WriteLine(
                    JsonSerializer.Serialize(
                        table.Rows.Select(r =>
                            table.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)
                        ),
                        Indented
                    )
                );
                break;
            default:
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
                if (Console.IsOutputRedirected || writer != Console.Out)
                {
                    console.Profile.Width = maxWidth ?? 240;
                }
                else if (maxWidth is { } most && console.Profile.Width > most)
                {
                    console.Profile.Width = most;
                }

                var grid = new Table().Border(TableBorder.Rounded);
                var shown = (tableColumns ?? table.Columns)
                    .Select(c => table.Columns.ToList().IndexOf(c))
                    .Where(i => i >= 0)
                    .ToArray();
                foreach (var i in shown)
                {
                    grid.AddColumn(Markup.Escape(table.Columns[i]));
                }

                foreach (var row in table.Rows)
                {
                    grid.AddRow(shown.Select(i => Markup.Escape(Shorten(row[i]))).ToArray());
                }

                console.Write(grid);
                break;
        }
    }

    /// <summary>A cell for the terminal: cut to 60 characters, and without control characters, so that text stored in
    /// the database cannot move the cursor, change colours or retitle the window (terminal escape sequences).</summary>
    private static string Shorten(string? cell)
    {
        if (cell is null)
        {
            return "";
        }

        var visible = new string([.. cell.Where(c => !char.IsControl(c)).Take(61)]);
        return visible.Length > 60 ? visible[..57] + "..." : visible;
    }

    public static string CsvOf(TextTable table)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Join(",", table.Columns.Select(Quote)));
        foreach (var row in table.Rows)
        {
            sb.AppendLine(string.Join(",", row.Select(Quote)));
        }

        return sb.ToString();
    }

    /// <summary>A CSV field that cannot start a formula in a spreadsheet (<see cref="SpreadsheetSafe"/>).</summary>
    private static string Quote(string? cell)
    {
        if (cell is null)
        {
            return "";
        }

        var safe = SpreadsheetSafe.Protect(cell);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : safe;
    }
}
