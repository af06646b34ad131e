using System.Globalization;

namespace Outturn.Data.Entities;

/// <summary>An organisation's name as it appears in addresses: lower case, words joined by hyphens.</summary>
public static class Slug
{
    public static string Of(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (
                CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark
                && sb.Length > 0
                && sb[^1] != '-'
            )
            {
                sb.Append('-');
            }
        }

        return sb.ToString().TrimEnd('-');
    }
}
