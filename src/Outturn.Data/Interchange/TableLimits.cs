using System.Buffers;

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

    /// <summary>Characters XML cannot carry (so neither Word nor Excel files): C0 controls other than tab, line feed
    /// and carriage return, and the non-characters U+FFFE and U+FFFF. Lone surrogates are checked apart.</summary>
    public static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>Why <paramref name="text"/> cannot be stored as it is, or null when it can.</summary>
    public static string? ProblemWith(ReadOnlySpan<char> text)
    {
        var bad = text.IndexOfAny(ForbiddenCharacters);
        if (bad >= 0)
        {
            return $"text without control characters (found U+{(int)text[bad]:X4} at character {bad + 1})";
        }

        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return $"text without a lone surrogate (found U+{(int)text[i]:X4} at character {i + 1})";
                }
            }
        }

        return text.Length > MaxCellCharacters ? $"at most {MaxCellCharacters:N0} characters (found {text.Length:N0})" : null;
    }
}
