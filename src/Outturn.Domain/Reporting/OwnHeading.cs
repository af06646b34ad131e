using System.Diagnostics.CodeAnalysis;

namespace Outturn.Domain.Reporting;

/// <summary>A report's own title or subtitle, in place of its layout's (the committee and the period): trimmed, 1 to
/// <see cref="MaxLength"/> characters.</summary>
public static class OwnHeading
{
    public const int MaxLength = 200;

    public const string Expected = "1 to 200 characters";

    /// <summary>False when <paramref name="text"/> is given but blank or too long; a heading not given is
    /// null.</summary>
    public static bool TryRead(string? text, [NotNullWhen(false)] out string? error, out string? heading)
    {
        heading = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (text.Trim() is { Length: > 0 and <= MaxLength } trimmed)
        {
            heading = trimmed;
            return true;
        }

        error = $"'{text}' is not a heading: expected {Expected}";
        return false;
    }
}
