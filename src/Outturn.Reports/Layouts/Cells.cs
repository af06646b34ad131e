using System.Globalization;
using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>Cells for figures, targets, ratings and directions, written the same way in every layout.</summary>
internal static class Cells
{
    /// <summary>Excel's number format for <paramref name="value"/>, with the places it prints with.</summary>
    public static string NumberFormat(MeasureProfile m, decimal value)
    {
        var decimals = ValueFormatter.DecimalsFor(value, m);
        var places = decimals > 0 ? "0." + new string('0', decimals) : "0";
        return m.Unit switch
        {
            Unit.Percentage => places + "\"%\"",
            Unit.Money => "\"£\"#,##" + places,
            Unit.Days => places + "\" days\"",
            _ => "#,##" + places,
        };
    }

    /// <summary>A figure as the measure prints it; as it was entered ("£2.0m", "33 (per month)") where that says more
    /// than the number and the measure fixes no format.</summary>
    public static ReportCell Figure(decimal value, MeasureProfile m, string? entered = null) =>
        new(
            entered is not null && (m.Decimals is null || entered.Contains(' ', StringComparison.Ordinal))
                ? entered
                : ValueFormatter.Format(value, m)
        )
        {
            Number = value,
            NumberFormat = NumberFormat(m, value),
        };

    /// <summary>A period's outturn as the reference reports print it: the figure with its qualifier, note,
    /// breakdown and "(no new data)"; or the text outturn; or why there is none.</summary>
    public static ReportCell Outturn(PeriodEntry? entry, MeasureProfile m, string? periodLabel = null)
    {
        if (entry is null)
        {
            return new ReportCell("No data");
        }

        if (m.Kind == ItemKind.Action)
        {
            return new ReportCell(entry.Status is { } s ? StatusWord(s) : "No status");
        }

        var parts = new List<string>();
        ReportCell cell;
        if (
            entry.Value.Kind == OutturnKind.Missing
            && entry.Value.MissingReason is null
            && entry.Breakdown is { } subFigures
        )
        {
            // Labelled sub-figures with no total ("34 days (SSL) 92 days (CSL)"; "38% (Grant committed) 12% (Grant
            // spent)"): each part in the measure's unit, its label after it.
            var figures = string.Join(
                " ",
                subFigures.Parts.Select(p => $"{ValueFormatter.Format(p.Value, m)} ({p.Label})")
            );
            return new ReportCell(periodLabel is null ? figures : $"{figures} ({periodLabel})");
        }

        switch (entry.Value.Kind)
        {
            case OutturnKind.Number:
                cell = Figure(entry.Value.Number, m, entry.Value.Text);
                parts.Add(cell.Text);
                if (entry.SecondValue is { } second)
                {
                    parts.Add($"({Plain(second)})");
                }

                break;
            case OutturnKind.Text:
                cell = new ReportCell(entry.Value.Text!);
                parts.Add(entry.Value.Text!);
                break;
            default:
                cell = new ReportCell("");
                parts.Add(MissingWords(entry.Value.MissingReason));
                break;
        }

        if (periodLabel is not null)
        {
            parts.Add($"({periodLabel})");
        }

        if (entry.Qualifier is { } q && q != Qualifier.Final)
        {
            parts.Add($"({Codes.Of(q)})");
        }

        if (entry.NoNewData)
        {
            parts.Add("(no new data)");
        }

        if (entry.Numerator is { } n && entry.Denominator is { } d)
        {
            parts.Add($"({Plain(n)} of {Plain(d)})");
        }

        if (entry.Breakdown is { } b)
        {
            parts.Add("— " + string.Join(", ", b.Parts.Select(p => $"{p.Label} {Plain(p.Value)}")));
        }

        if (!string.IsNullOrWhiteSpace(entry.ValueNote))
        {
            // In brackets after the figure, as the councils' papers print "2214 (cumulative, since June 2017)".
            parts.Add($"({entry.ValueNote})");
        }

        return cell with
        {
            Text = string.Join(" ", parts),
            Suffix = parts.Count > 1 ? string.Join(" ", parts.Skip(1)) : null,
        };
    }

    public static ReportCell Target(Target? target, MeasureProfile m) =>
        target switch
        {
            { Comparator: { } c } t => new ReportCell(ComparedTarget(c, t, m)),
            { Kind: TargetKind.Number } t => Figure(t.Value, m, t.Text),
            { Kind: TargetKind.ToBeConfirmed } => new ReportCell("TBC"),
            { Kind: TargetKind.NoTarget } => new ReportCell("N/A"),
            _ => new ReportCell("-"),
        };

    /// <summary>A target set by comparison as councils print it: "Better than England", then the words it was set
    /// in, or where it has none the figure it resolved to for the period ("Better than England (184)").</summary>
    private static string ComparedTarget(ComparatorTarget comparator, Target target, MeasureProfile m)
    {
        var judged = m.Polarity is Domain.Framework.Polarity.HigherIsBetter or Domain.Framework.Polarity.LowerIsBetter;
        var name = comparator switch
        {
            ComparatorTarget.England => judged ? "Better than England" : "England",
            ComparatorTarget.Region => judged ? "Better than the region" : "The region",
            ComparatorTarget.Neighbours => judged ? "Better than the neighbours' average" : "Neighbours' average",
            _ => "Top quartile",
        };
        var words =
            target.Text
            ?? (target.Kind == TargetKind.Number ? ValueFormatter.FormatFigure((double)target.Value, m) : null);
        return words is null ? name : $"{name} ({words})";
    }

    /// <summary>How a measure compares with other councils, in words, or "-" when it is not compared.</summary>
    public static ReportCell Compared(Domain.Reporting.EvaluatedItem m) =>
        new(m.Compared?.Words(v => ValueFormatter.FormatFigure(v, m.Profile)) ?? "-");

    public static ReportCell Rating(RatingResult rating) =>
        new(rating.Final.Word() + (rating.IsOverridden ? " (override)" : "")) { Rating = rating.Final };

    public static ReportCell Direction(Direction? direction) =>
        direction is { } d ? new ReportCell(Symbols.Word(d)) { Direction = d } : new ReportCell("-");

    public static string Polarity(Polarity polarity) =>
        polarity switch
        {
            Domain.Framework.Polarity.HigherIsBetter => "Bigger is better",
            Domain.Framework.Polarity.LowerIsBetter => "Smaller is better",
            Domain.Framework.Polarity.ToBeConfirmed => "TBC",
            _ => "N/A",
        };

    public static string StatusWord(ActionStatus status) =>
        status switch
        {
            ActionStatus.NotStarted => "Not started",
            ActionStatus.OnTrack => "On track",
            ActionStatus.SomeSlippage => "Some slippage",
            ActionStatus.MajorSlippage => "Major slippage",
            ActionStatus.Completed => "Completed",
            ActionStatus.Cancelled => "Cancelled",
            _ => "Deferred",
        };

    public static string MissingWords(MissingReason? reason) =>
        reason switch
        {
            MissingReason.NotCollected => "Not collected",
            MissingReason.NotApplicable => "Not applicable",
            MissingReason.ToBeConfirmed => "To be confirmed",
            _ => "New data unavailable",
        };

    /// <summary>The officer's words under a row: analysis, then corrective action, each its own paragraph.</summary>
    public static string? Detail(PeriodEntry? entry)
    {
        var words = new[] { entry?.Commentary, entry?.CorrectiveAction }
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .ToList();
        return words.Count == 0 ? null : string.Join("\n\n", words);
    }

    /// <summary>The two-way table recorded with a figure, as a table to print under its row: columns whose every
    /// cell is a number are figures (aligned right, numbers in a spreadsheet).</summary>
    public static TableBlock? Table(PeriodEntry? entry, string title)
    {
        if (entry?.Table is not { } table)
        {
            return null;
        }

        var numeric = Enumerable.Range(0, table.Headings.Count).Select(c => c > 0 && table.IsNumeric(c)).ToList();
        return new TableBlock(
            $"{title}, {entry.Period.Label}",
            [.. table.Headings.Select((h, c) => new ReportColumn(h, numeric[c] ? ColumnKind.Number : ColumnKind.Text))],
            [
                .. table.Rows.Select(r => new ReportRow([
                    .. r.Select(
                        (text, c) =>
                            numeric[c]
                            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                                ? new ReportCell(text) { Number = n, NumberFormat = Places(text) }
                                : new ReportCell(text)
                    ),
                ])),
            ]
        );
    }

    /// <summary>An Excel number format keeping a figure's places as written ("0.0" for 12.5).</summary>
    private static string Places(string text) =>
        text.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0
            ? "#,##0." + new string('0', text.Length - dot - 1)
            : "#,##0";

    /// <summary>What statistical process control makes of a measure's figures to the period (docs/spc.md): the
    /// latest figure's variation and the assurance, in words; "-" with too few figures.</summary>
    public static ReportCell Spc(Domain.Reporting.EvaluatedItem m) =>
        m.Spc() is not { Chart: var chart }
            ? new ReportCell("-")
            : new ReportCell(
                Domain.Statistics.MeasureSpc.Words(chart.Variation)
                    + (chart.Assurance is { } a ? "; " + Domain.Statistics.MeasureSpc.Words(a).ToLowerInvariant() : "")
                    + (chart.TrialLimits ? " (trial limits)" : "")
            )
            {
                Spc = new SpcSignal(
                    chart.Variation,
                    chart.Assurance,
                    High: chart.Points.Count == 0 || chart.Points[^1].Value >= chart.Points[^1].Mean
                ),
            };

    public static string Percent(int value) => value.ToString(CultureInfo.InvariantCulture) + "%";

    private static string Plain(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
