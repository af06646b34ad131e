namespace Outturn.Data.Interchange;

public enum TableKind
{
    Measures,
    Values,

    /// <summary>National data or comparator groups (read by <see cref="Comparisons.NationalImporter"/>).</summary>
    National,
}

/// <summary>A table read from a CSV file or a workbook sheet: its header and its rows as text.</summary>
public sealed class RawTable(string source, TableKind kind, IReadOnlyList<string> headers, IEnumerable<RawRow> rows)
{
    /// <summary>The file (and sheet) for error messages: <c>values.csv</c> or <c>council.xlsx [values]</c>.</summary>
    public string Source { get; } = source;
    public TableKind Kind { get; } = kind;
    public IReadOnlyList<string> Headers { get; } = headers;

    /// <summary>The data rows, read as they are enumerated (once).</summary>
    public IEnumerable<RawRow> Rows { get; } = rows;
}

/// <summary>One data row: its number in the file (header = 1) and its cells, null where empty.</summary>
public readonly record struct RawRow(int Number, string?[] Cells);
