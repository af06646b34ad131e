using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Outturn.Domain.Values;

/// <summary>
/// A small two-way table recorded with a figure and printed under its row (the housing register by band and bedroom
/// need): a heading row, then rows that each begin with their own heading, every row as wide as the first.
/// Written as CSV (one line per row, cells separated by commas, a cell holding a comma or a quote in double quotes
/// with its quotes doubled, as RFC 4180); each cell's spaces around it are dropped. Its canonical text is that CSV
/// with lines ending "\n" and only the cells that need them quoted.
/// </summary>
public sealed class TwoWayTable : IEquatable<TwoWayTable>
{
    /// <summary>The most columns (headings included) a table may have: more would not print on a page.</summary>
    public const int MaxColumns = 16;

    /// <summary>The most rows under the heading row.</summary>
    public const int MaxRows = 40;

    /// <summary>The longest a cell may be.</summary>
    public const int MaxCell = 100;

    private TwoWayTable(IReadOnlyList<string> headings, IReadOnlyList<IReadOnlyList<string>> rows) =>
        (Headings, Rows) = (headings, rows);

    /// <summary>The heading row: the first names what the rows are ("Band"), the others the columns.</summary>
    public IReadOnlyList<string> Headings { get; }

    /// <summary>The rows under the headings, each as wide as <see cref="Headings"/>, its first cell its
    /// heading.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Whether every cell of the column under the heading row is a number (or empty), so that it is
    /// printed as figures are: aligned right.</summary>
    public bool IsNumeric(int column) =>
        Rows.All(r => r[column].Length == 0 || decimal.TryParse(r[column], NumberStyles.Number, Invariant, out _))
        && Rows.Any(r => r[column].Length > 0);

    public static TwoWayTable Parse(string text) =>
        TryParse(text, out var table, out var error) ? table : throw new FormatException(error);

    /// <summary>Reads a table from its CSV; the error names the row (counting the heading row as 1) and what is
    /// wrong with it.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out TwoWayTable? table,
        [NotNullWhen(false)] out string? error
    )
    {
        table = null;
        if (!TryLines(text ?? "", out var lines, out error))
        {
            return false;
        }

        if (lines.Count < 2)
        {
            error = "a table needs a heading row and at least one row under it";
            return false;
        }

        var width = lines[0].Count;
        if (width < 2)
        {
            error = "the heading row needs at least two cells: what the rows are, and a column";
            return false;
        }

        if (width > MaxColumns)
        {
            error = $"the heading row has {width} cells; a table may have at most {MaxColumns} columns";
            return false;
        }

        if (lines.Count - 1 > MaxRows)
        {
            error = $"{lines.Count - 1} rows under the headings; a table may have at most {MaxRows}";
            return false;
        }

        for (var r = 0; r < lines.Count; r++)
        {
            if (lines[r].Count != width)
            {
                error = $"row {r + 1} has {lines[r].Count} cells and the heading row {width}";
                return false;
            }

            if (lines[r].FirstOrDefault(c => c.Length > MaxCell) is { } longCell)
            {
                error = $"row {r + 1} has a cell of {longCell.Length} characters; a cell may have at most {MaxCell}";
                return false;
            }
        }

        if (lines[0].ToList().IndexOf("") is var blank and >= 0)
        {
            error = $"heading {blank + 1} is empty: every column needs a heading";
            return false;
        }

        if (lines.Skip(1).Select((row, i) => (row, i)).FirstOrDefault(x => x.row[0].Length == 0) is { row: not null } x)
        {
            error = $"row {x.i + 2} has no heading in its first cell";
            return false;
        }

        table = new TwoWayTable(lines[0], [.. lines.Skip(1)]);
        return true;
    }

    /// <summary>The rows of CSV text, blank lines left out; false when a quoted cell is not closed or a quote is
    /// followed by something other than a comma or the line's end.</summary>
    private static bool TryLines(
        string text,
        out List<IReadOnlyList<string>> lines,
        [NotNullWhen(false)] out string? error
    )
    {
        lines = [];
        error = null;
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i <= text.Length)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (quoted)
            {
                if (i == text.Length)
                {
                    error = $"row {lines.Count + 1} has a quoted cell with no closing quote";
                    return false;
                }

                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    while (i < text.Length && text[i] is ' ' or '\t')
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        error = $"row {lines.Count + 1} has text after a quoted cell's closing quote";
                        return false;
                    }

                    continue;
                }

                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.ToString().Trim().Length == 0:
                    cell.Clear();
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString().Trim());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString().Trim());
                    cell.Clear();
                    if (row.Any(x => x.Length > 0))
                    {
                        lines.Add(row);
                    }

                    row = [];
                    break;
                default:
                    cell.Append(c);
                    break;
            }

            i++;
        }

        return true;
    }

    /// <summary>The canonical CSV: lines ending "\n", a cell quoted only where it holds a comma, a quote or a line
    /// break.</summary>
    public override string ToString() =>
        string.Join("\n", new[] { Headings }.Concat(Rows).Select(r => string.Join(",", r.Select(Quote))));

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;

    public bool Equals(TwoWayTable? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as TwoWayTable);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}
