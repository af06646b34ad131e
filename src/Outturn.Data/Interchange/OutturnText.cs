using Outturn.Data.Entities;
using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Data.Interchange;

/// <summary>Reads an outturn as people type it, by the interchange format's rules, for forms as well as
/// files.</summary>
public static class OutturnText
{
    public const string Expected = "a number such as 83 or 21.38, or a text outturn in words";

    /// <summary>Sets <paramref name="entry"/>'s value from <paramref name="text"/>: a number; words (a text outturn);
    /// nothing. False, with nothing set, for a mistyped number such as "12,3.4x".</summary>
    public static bool TrySet(string? text, Unit unit, Entry entry)
    {
        (entry.ValueKind, entry.ValueNumber, entry.ValueText) = (null, null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (unit != Unit.Text && FigureText.TryParse(text, unit, out var number, out var plain))
        {
            (entry.ValueKind, entry.ValueNumber, entry.ValueText) = (
                (int)OutturnKind.Number,
                number,
                plain ? null : text
            );
            return true;
        }

        if (unit == Unit.Text || !text.Any(char.IsAsciiDigit))
        {
            (entry.ValueKind, entry.ValueText) = ((int)OutturnKind.Text, text);
            return true;
        }

        return false;
    }

    public const string ExpectedTarget =
        "a number such as 95, 2.5 or £125k, perhaps followed by words (33 (per month)), none (no target) or tbc (to "
        + "be confirmed), or a comparator: england, region, neighbours or top_quartile (that period's figure), "
        + "perhaps after \"better than\" and followed by words (Better than England (annual, 3-year rolling period))";

    /// <summary>Sets <paramref name="entry"/>'s target from <paramref name="text"/>: a number, "none" (no target),
    /// "tbc" (to be confirmed), or nothing. False, with nothing set, when it is none of those.</summary>
    public static bool TrySetTarget(string? text, Entry entry, Unit unit = Unit.Count)
    {
        (entry.TargetKind, entry.TargetValue, entry.TargetText) = (null, null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "none" or "no target" or "n/a":
                entry.TargetKind = (int)TargetKind.NoTarget;
                return true;
            case "tbc" or "to be confirmed":
                entry.TargetKind = (int)TargetKind.ToBeConfirmed;
                return true;
        }

        if (Target.TryParseCompared(text, out var compared))
        {
            (entry.TargetKind, entry.TargetText) = ((int)TargetKind.Comparator, compared.ToString());
            return true;
        }

        if (FigureText.TryParseTarget(text, unit, out var value, out var entered))
        {
            (entry.TargetKind, entry.TargetValue, entry.TargetText) = ((int)TargetKind.Number, value, entered);
            return true;
        }

        return false;
    }
}
