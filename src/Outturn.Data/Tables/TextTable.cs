namespace Outturn.Data.Tables;

/// <summary>Rows of named text cells, ready to print as a table, CSV or JSON. Numbers are written in their
/// exact invariant form so that a program reading them gets the figure, not a rounded display.</summary>
public sealed record TextTable(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows);
