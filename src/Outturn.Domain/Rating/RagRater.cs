using Outturn.Domain.Comparisons;
using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>
/// Rates a figure against its target by a <see cref="RatingScheme"/>, minding polarity, and says why.
/// Pure: the same inputs always give the same rating and the same words.
/// </summary>
public static class RagRater
{
    public static RatingResult Rate(MeasureProfile item, RatingScheme scheme, PeriodEntry? entry)
    {
        entry = entry?.ResolvingComparator();
        var bySignificance = item.Polarity is Polarity.HigherIsBetter or Polarity.LowerIsBetter
            ? item.RateBySignificance
            : null;
        var computed =
            item.Kind == ItemKind.Action ? RateAction(scheme, entry?.Status)
            : bySignificance is { } against ? RateBySignificance(item, against, entry)
            : RateMeasure(item, scheme.For(item), entry?.Value ?? OutturnValue.NotRecorded, entry?.Target);
        return entry?.RagOverride is { } manual && manual != computed.Rag
            ? new RatingResult(
                manual,
                computed.Rag,
                $"{manual.Word()} by manual override ({Reason(entry.OverrideReason)}); computed {computed.Reason}"
            )
            : new RatingResult(computed.Rag, computed.Rag, computed.Reason);
    }

    private static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim();

    private static (Rag Rag, string Reason) RateAction(RatingScheme scheme, ActionStatus? status)
    {
        if (status is not { } s)
        {
            return (Rag.NoData, "No data: no status recorded");
        }

        var word = Codes.Of(s).Replace('_', ' ');
        return scheme.ActionRatings.TryGetValue(s, out var rag)
            ? (rag, $"{rag.Word()}: {word}")
            : (Rag.NoTarget, $"Not rated: {word}");
    }

    private static (Rag Rag, string Reason) RateMeasure(
        MeasureProfile item,
        RatingScheme scheme,
        OutturnValue value,
        Target? target
    )
    {
        if (item.Polarity == Polarity.None)
        {
            return (Rag.NoTarget, "No target: the measure has no polarity, so it is not rated");
        }

        if (item.Polarity == Polarity.ToBeConfirmed)
        {
            return (Rag.NoTarget, "Not rated: which way is better is still to be confirmed");
        }

        if (target is { Kind: TargetKind.Comparator, Comparator: { } unresolved })
        {
            return (
                Rag.NoTarget,
                $"No target: the target is {Target.Words(unresolved)}, and there is none for this period"
            );
        }

        if (target is not { Kind: TargetKind.Number } t)
        {
            return (
                Rag.NoTarget,
                target?.Kind == TargetKind.ToBeConfirmed
                    ? "No target: the target is to be confirmed"
                    : "No target: no target is set"
            );
        }

        var targetText =
            ValueFormatter.Format(t.Value, item)
            + (
                t.Annual is { } annual
                    ? $" ({ValueFormatter.Trimmed(t.Share * 100m, 1)}% of the annual target of "
                        + $"{ValueFormatter.Format(annual, item)}, profiled to the period)"
                    : ""
            );
        if (!value.IsNumber)
        {
            var what =
                value.Kind == OutturnKind.Text
                    ? $"the outturn '{value.Text}' is not a figure"
                    : $"no figure ({Codes.Of(value.MissingReason ?? MissingReason.NotYetAvailable).Replace('_', ' ')})";
            return scheme.MissingRating == Rag.Amber
                ? (
                    Rag.Amber,
                    $"Amber: {what} against the target of {targetText}; the scheme rates missing figures amber"
                )
                : (Rag.NoData, $"No data: {what} against the target of {targetText}");
        }

        var better = item.Polarity == Polarity.HigherIsBetter ? value.Number - t.Value : t.Value - value.Number;
        var valueText = ValueFormatter.Format(value.Number, item);
        if (better == 0)
        {
            return (
                Rag.Green,
                t.Comparator is { } same
                    ? $"Green: {valueText} equals {Target.Words(same)}"
                    : $"Green: {valueText} meets the target of {targetText}"
            );
        }

        var gap = Math.Abs(better);
        var side = value.Number > t.Value ? "above" : "below";
        var relative = t.Value == 0 ? "" : $" ({ValueFormatter.Trimmed(gap / Math.Abs(t.Value) * 100m, 1)}%)";
        var polarityNote = item.Polarity == Polarity.LowerIsBetter ? " (lower is better)" : "";
        var gapText = t.Comparator is { } comparator
            ? $"{valueText} is {ValueFormatter.FormatDifference(gap, item)}{relative} "
                + $"{(better > 0 ? "better" : "worse")} than {Target.Words(comparator)} of {targetText}"
            : $"{valueText} is {ValueFormatter.FormatDifference(gap, item)}{relative} {side} the target of "
                + $"{targetText}{polarityNote}";

        if (better > 0)
        {
            return scheme.BlueMargin is { IsZero: false } blue && gap > blue.WidthAround(t.Value)
                ? (Rag.Blue, $"Blue: {gapText}, beyond the blue margin of {Describe(blue, item)}")
                : (
                    Rag.Green,
                    $"Green: {gapText}"
                        + (
                            scheme.BlueMargin is { IsZero: false } b
                                ? $", within the blue margin of {Describe(b, item)}"
                                : ""
                        )
                );
        }

        var amber = scheme.AmberTolerance;
        if (amber.IsZero)
        {
            return (Rag.Red, $"Red: {gapText}; there is no amber band");
        }

        return gap <= amber.WidthAround(t.Value)
            ? (Rag.Amber, $"Amber: {gapText}, within the amber tolerance of {Describe(amber, item)}")
            : (Rag.Red, $"Red: {gapText}; amber tolerance is {Describe(amber, item)}");
    }

    /// <summary>
    /// Rates a figure by where it stands against a comparator, the way Fingertips decides it
    /// (<see cref="Comparison.Against"/>): the comparator inside the figure's 95% confidence interval, ends
    /// included, is similar (amber); outside it, significantly better (green) or worse (red) by polarity. The interval
    /// is worked out from the entry's numerator and denominator when the measure is a percentage (Wilson's score
    /// interval) or a rate per N (Byar's, or the exact Poisson interval for a count under 10), as Fingertips and
    /// PHEindicatormethods do; otherwise it is the interval published with the national data for the organisation's
    /// own area (<see cref="PeriodEntry.PublishedInterval"/>). Without a figure, a comparator figure or an interval it
    /// is not rated, and says which is missing. Blue is never given: significance has no margin beyond "better".
    /// </summary>
    private static (Rag Rag, string Reason) RateBySignificance(
        MeasureProfile item,
        ComparatorTarget against,
        PeriodEntry? entry
    )
    {
        var comparatorWords = Target.Words(against);
        if (entry?.Value is not { IsNumber: true } value)
        {
            return (Rag.NoData, $"No data: no figure to compare with {comparatorWords}");
        }

        if (entry.FigureOf(against) is not { } c)
        {
            return (
                Rag.NoTarget,
                $"Not rated: the measure is rated by significance against {comparatorWords}, and there is none for "
                    + "this period"
            );
        }

        var terms = MetricTerms.Of(item);
        var interval =
            terms.IntervalFrom((double?)entry.Numerator, (double?)entry.Denominator, ConfidenceLevel.Ninety5)
            ?? entry.PublishedInterval;
        var valueText = ValueFormatter.Format(value.Number, item);
        var comparatorText = $"{comparatorWords} of {ValueFormatter.Format(c, item)}";
        if (interval is not { } ci)
        {
            return (
                Rag.NoTarget,
                $"Not rated: the measure is rated by significance against {comparatorWords}, and {valueText} has no "
                    + "confidence interval (a numerator and denominator, or one published with the national data)"
            );
        }

        string End(double end) => ValueFormatter.Format((decimal)Math.Round(end, item.DefaultDecimals), item);
        var intervalText = $"95% confidence interval {End(ci.Lower)} to {End(ci.Upper)}";
        return Comparison.Against(ci, (double)c, item.Polarity) switch
        {
            Significance.Better => (
                Rag.Green,
                $"Green: {valueText} ({intervalText}) is significantly better than {comparatorText}"
            ),
            Significance.Worse => (
                Rag.Red,
                $"Red: {valueText} ({intervalText}) is significantly worse than {comparatorText}"
            ),
            _ => (
                Rag.Amber,
                $"Amber: {valueText} is similar to {comparatorText}, which lies within its {intervalText}"
            ),
        };
    }

    private static string Describe(Tolerance tolerance, MeasureProfile item) =>
        tolerance.IsRelative
            ? ValueFormatter.Trimmed(tolerance.Amount, 2) + "%"
            : ValueFormatter.FormatDifference(tolerance.Amount, item);
}
