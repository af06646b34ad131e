using System.Collections.Frozen;
using System.Globalization;
using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Data.Interchange;

/// <summary>Reads typed cells from one raw row, recording an error for each bad one.</summary>
internal sealed class CellReader(string source, Dictionary<string, int> columns, List<ImportError> errors)
{
    // Looked up a score of times per row, always by the lower-case names in Columns: an ordinal frozen dictionary
    // of lower-case names is several times faster than the case-insensitive one the header was mapped with.
    private readonly FrozenDictionary<string, int> map = columns.ToFrozenDictionary(
        c => c.Key.ToLowerInvariant(),
        c => c.Value,
        StringComparer.Ordinal
    );

    // The same few names, most of them literals, are asked for row after row: each is looked up by its text once,
    // then by its reference (one object for each literal), a fraction of the cost of hashing its characters.
    private readonly Dictionary<string, int> _asked = new(ReferenceEqualityComparer.Instance);
    private RawRow _row;

    public int ErrorCount { get; private set; }

    /// <summary>The file (and sheet) the rows are from.</summary>
    public string Source => source;

    public void Start(RawRow row)
    {
        _row = row;
        ErrorCount = 0;
    }

    public bool Has(string column) => map.ContainsKey(column);

    public string? Text(string column)
    {
        var i = IndexOf(column);
        return (uint)i < (uint)_row.Cells.Length ? _row.Cells[i] : null;
    }

    private int IndexOf(string column)
    {
        if (_asked.TryGetValue(column, out var i))
        {
            return i;
        }

        i = map.TryGetValue(column, out var found) ? found : -1;
        if (_asked.Count < 64)
        {
            _asked[column] = i;
        }

        return i;
    }

    public void Error(string column, string? value, string expected)
    {
        errors.Add(new ImportError(source, _row.Number, column, value, expected));
        ErrorCount++;
    }

    public string? Required(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            Error(column, null, "a value: this column is required");
        }

        return text;
    }

    public decimal? Number(string column) => Text(column) is { } text ? ParseNumber(column, text) : null;

    public decimal? ParseNumber(string column, string text)
    {
        if (TryNumber(text, out var value))
        {
            return value;
        }

        Error(column, text, "a number, such as 83 or 21.38");
        return null;
    }

    /// <summary>Numbers as people type them: 1,050 and 83% and £10,080 are read as 1050, 83 and 10080.</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        var span = text.AsSpan().Trim();
        if (span.EndsWith("%"))
        {
            span = span[..^1].TrimEnd();
        }

        if (span.StartsWith("£"))
        {
            span = span[1..].TrimStart();
        }

        return decimal.TryParse(
            span,
            NumberStyles.Number | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value
        );
    }

    public int? Integer(string column, int min, int max)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= min
            && value <= max
        )
        {
            return value;
        }

        Error(column, text, $"a whole number from {min} to {max}");
        return null;
    }

    public T? Code<T>(string column)
        where T : struct, Enum
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (Codes.TryParse<T>(text, out var value))
        {
            return value;
        }

        Error(column, text, Codes.Expected<T>());
        return null;
    }

    public bool? Flag(string column)
    {
        var text = Text(column);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1":
                return true;
            case "false" or "no" or "n" or "0":
                return false;
            default:
                Error(column, text, "true or false (yes or no)");
                return null;
        }
    }

    public TargetProfile? TargetProfile(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (Domain.Values.TargetProfile.TryParse(text, out var value, out var error))
        {
            return value;
        }

        Error(column, text, $"{Domain.Values.TargetProfile.Expected} ({error})");
        return null;
    }

    public Domain.Cycle.DeadlineRule? Deadline(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (Domain.Cycle.DeadlineRule.TryParse(text, out var value, out _))
        {
            return value;
        }

        Error(column, text, $"{Domain.Cycle.DeadlineRule.ExpectedForms} (at most {Domain.Cycle.DeadlineRule.MaxDays})");
        return null;
    }

    public Tolerance? Tolerance(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (Domain.Values.Tolerance.TryParse(text, out var value, out var error))
        {
            return value;
        }

        Error(column, text, error["'".Length..].Split(": ", 2)[^1]);
        return null;
    }

    public string? Limited(string column, int maxLength)
    {
        var text = Text(column);
        if (text is not null && text.Length > maxLength)
        {
            Error(column, text, $"at most {maxLength} characters");
            return null;
        }

        return text;
    }
}
