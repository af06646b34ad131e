namespace Outturn.Data.Interchange;

/// <summary>
/// The most an import file may hold, checked before anything is expanded or held: a file past a limit is refused
/// with an error saying which, never read until memory runs out. Documented in docs/import-format.md.
/// </summary>
public static class TableLimits
{
    /// <summary>Columns in a table: the interchange format has about thirty.</summary>
    public const int MaxColumns = 200;

    /// <summary>Characters in one cell: room for a long analysis (about 15,000 words).</summary>
    public const int MaxCellCharacters = 100_000;

    /// <summary>Characters in one CSV record, every cell together.</summary>
    public const int MaxRowCharacters = 1 << 20;

    /// <summary>Rows in a workbook sheet, as in Excel itself.</summary>
    public const int MaxSheetRows = 1_048_576;

    /// <summary>The uncompressed size of all of a workbook's parts together, declared or actually read.</summary>
    public const long MaxWorkbookBytes = 512L << 20;

    /// <summary>Characters of a workbook's shared strings together.</summary>
    public const long MaxSharedStringCharacters = 128L << 20;

    /// <summary>Why <paramref name="text"/> cannot be stored as it is, or null when it can.</summary>
    public static string? ProblemWith(ReadOnlySpan<char> text)
    {
        if (Domain.Values.XmlText.FirstForbidden(text) is var bad and >= 0)
        {
            return char.IsSurrogate(text[bad])
                ? $"text without a lone surrogate (found U+{(int)text[bad]:X4} at character {bad + 1})"
                : $"text without control characters (found U+{(int)text[bad]:X4} at character {bad + 1})";
        }

        return text.Length > MaxCellCharacters
            ? $"at most {MaxCellCharacters:N0} characters (found {text.Length:N0})"
            : null;
    }
}
