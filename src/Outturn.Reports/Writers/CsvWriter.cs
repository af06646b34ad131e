using System.Globalization;
using System.Text;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>
/// Writes a report's tables as one CSV, one row per table row (per item), with the section, subsection and table it
/// came from, the union of the tables' columns, and the analysis. The key and summary sections
/// (<see cref="ReportSection.IsKey"/>) are left out. A cell that a
/// spreadsheet would run as a formula (beginning =, +, -, @, tab or carriage return) is neutralised with a leading
/// apostrophe, as OWASP's CSV-injection guidance advises; plain numbers are left as they are.
/// </summary>
public static class CsvWriter
{
    public static string Write(ReportDocument doc)
    {
        var tables = Tables(doc).ToList();
        var columns = new List<string>();
        foreach (var (_, _, table) in tables)
        {
            foreach (var c in table.Columns.Select(c => c.Header).Where(h => !columns.Contains(h)))
            {
                columns.Add(c);
            }
        }

        // A table recorded with a figure is one more cell, in its own CSV, when any row has one.
        var withTables = tables.Any(t => t.Table.Rows.Any(r => r.Table is not null));
        var csv = new StringBuilder();
        Line(csv, ["section", "subsection", "table", .. columns, "analysis", .. withTables ? TableHeader : []]);
        foreach (var (section, subsection, table) in tables)
        {
            foreach (var row in table.Rows)
            {
                var cells = new string?[columns.Count];
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    cells[columns.IndexOf(table.Columns[i].Header)] = row.Cells[i].Text == "-" ? "" : row.Cells[i].Text;
                }

                Line(
                    csv,
                    [
                        section,
                        subsection,
                        table.Caption,
                        .. cells,
                        row.Detail,
                        .. withTables ? [row.Table is { } inner ? TableText(inner) : null] : Array.Empty<string?>(),
                    ]
                );
            }
        }

        return csv.ToString();
    }

    private static readonly string[] TableHeader = ["detail_table"];

    /// <summary>A table under a row as CSV text of its own (heading row first), to sit in one cell.</summary>
    private static string TableText(TableBlock table)
    {
        var text = new StringBuilder();
        foreach (
            var row in new[] { table.Columns.Select(c => c.Header).ToList() }.Concat(
                table.Rows.Select(r => r.Cells.Select(c => c.Text).ToList())
            )
        )
        {
            text.AppendJoin(',', row.Select(Quoted)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static IEnumerable<(string Section, string? Subsection, TableBlock Table)> Tables(ReportDocument doc)
    {
        foreach (var section in doc.Sections.Where(s => !s.IsKey))
        {
            foreach (var t in section.Blocks.OfType<TableBlock>())
            {
                yield return (section.Title, null, t);
            }

            foreach (var sub in section.Subsections)
            {
                foreach (var t in sub.Blocks.OfType<TableBlock>())
                {
                    yield return (section.Title, sub.Title, t);
                }
            }
        }
    }

    /// <summary>One CSV line (ending CRLF), each cell quoted where needed and neutralised against formula
    /// injection.</summary>
    /// <summary>A header and its rows as a CSV file's bytes: UTF-8 with a byte order mark, so that Excel shows £ and
    /// accents, each cell made safe for a spreadsheet as <see cref="Line"/> does.</summary>
    public static byte[] Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        Line(csv, columns);
        foreach (var row in rows)
        {
            Line(csv, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static void Line(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Field));
        csv.Append("\r\n");
    }

    public static string Neutralise(string cell) =>
        cell.Length > 0
        && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;

    private static string Field(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        return Quoted(Neutralise(cell));
    }

    /// <summary>A cell in double quotes (its quotes doubled) where it holds a comma, a quote or a line break, as RFC
    /// 4180.</summary>
    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
}
