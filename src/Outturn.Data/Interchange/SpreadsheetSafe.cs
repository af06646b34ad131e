using System.Globalization;

namespace Outturn.Data.Interchange;

/// <summary>
/// Cells written to CSV for spreadsheets cannot start a formula: a cell beginning <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return that is not a plain number gets an apostrophe in front (OWASP's advice on CSV
/// injection), and the importer takes it off again, so an export re-imports exactly. To keep that exact, a cell that
/// already starts with apostrophes before such a character gets one more, and the importer removes one.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Protect(string cell)
    {
        var start = cell.AsSpan().IndexOfAnyExcept('\'');
        if (start < 0 || !Triggers(cell[start]))
        {
            return cell;
        }

        return start > 0 || !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;
    }

    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> cell)
    {
        var start = cell.IndexOfAnyExcept('\'');
        return start > 0 && Triggers(cell[start]) ? cell[1..] : cell;
    }

    private static bool Triggers(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
