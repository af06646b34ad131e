using System.Globalization;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Summaries;
using Outturn.Domain.Values;

namespace Outturn.Data.Tables;

/// <summary>The `evaluate` and `summary` tables: one shape for the CLI's table, CSV and JSON.</summary>
public static class EvaluationTable
{
    public static readonly IReadOnlyList<string> EvaluationColumns =
    [
        "ref",
        "kind",
        "title",
        "priority",
        "theme",
        "committees",
        "period",
        "value",
        "target",
        "rating",
        "computed_rating",
        "direction_short",
        "direction_long",
        "computed_direction_short",
        "computed_direction_long",
        "previous_period",
        "previous_value",
        "last_year_period",
        "last_year_value",
        "qualifier",
        "carried_forward",
        "reason",
        "spc_variation",
        "spc_assurance",
    ];

    public static readonly IReadOnlyList<string> SummaryColumns =
    [
        "group",
        "period",
        "items_rated",
        "met_or_on_track",
        "met_or_on_track_pct",
        "measures_with_direction",
        "improved",
        "improved_pct",
        "rated_measures",
        "blue_green",
        "amber",
        "red",
        "blue_green_pct",
        "amber_pct",
        "red_pct",
        "improving",
        "same",
        "deteriorating",
        "improving_pct",
        "same_pct",
        "deteriorating_pct",
        "directions_by_spc",
        "special_cause_concerns",
        "special_cause_improvements",
    ];

    public static TextTable Evaluations(IEnumerable<ItemEvaluation> items) =>
        new(EvaluationColumns, [.. items.Select(Row)]);

    private static string?[] Row(ItemEvaluation e)
    {
        var ev = e.Evaluation;
        return
        [
            e.Item.Ref,
            Codes.Of(e.Item.Kind),
            e.Item.Title,
            e.Priority,
            e.Theme,
            string.Join(";", e.Committees),
            ev.Period.ToString(),
            ValueText(ev.Entry?.Value, ev.Entry?.Status),
            TargetText(ev.Target),
            Codes.Of(ev.Rating.Final),
            Codes.Of(ev.Rating.Computed),
            Code(ev.DirectionShort),
            Code(ev.DirectionLong),
            Code(ev.ComputedShort),
            Code(ev.ComputedLong),
            ev.PreviousPeriod.ToString(),
            ValueText(ev.Previous?.Value, ev.Previous?.Status),
            ev.LastYearPeriod.ToString(),
            ValueText(ev.LastYear?.Value, ev.LastYear?.Status),
            ev.Entry?.Qualifier is { } q ? Codes.Of(q) : null,
            ev.IsCarriedForward ? "true" : "false",
            ev.Rating.Reason,
            .. SpcCodes(e),
        ];
    }

    /// <summary>The SPC variation of the latest figure and the assurance (docs/spc.md), or nothing for an action or
    /// a measure with too few figures.</summary>
    public static string?[] SpcCodes(Domain.Reporting.EvaluatedItem e) =>
        e.Spc() is { Chart: var chart }
            ?
            [
                Domain.Statistics.MeasureSpc.Code(chart.Variation),
                chart.Assurance is { } a ? Domain.Statistics.MeasureSpc.Code(a) : null,
            ]
            : [null, null];

    private static string? Code(Direction? d) => d is { } x ? Codes.Of(x) : null;

    public static string? ValueText(OutturnValue? value, ActionStatus? status) =>
        value switch
        {
            { Kind: OutturnKind.Number } v => EntryFields.Number(v.Number),
            { Kind: OutturnKind.Text } v => v.Text,
            _ => status is { } s ? Codes.Of(s) : null,
        };

    public static string? TargetText(Target? target) =>
        target switch
        {
            { Kind: TargetKind.Number } t => EntryFields.Number(t.Value),
            { Kind: TargetKind.NoTarget } => "none",
            { Kind: TargetKind.ToBeConfirmed } => "tbc",
            { Kind: TargetKind.Comparator } t => t.ToString(),
            _ => null,
        };

    public static TextTable Summaries(IEnumerable<GroupSummary> groups) =>
        new(SummaryColumns, [.. groups.Select(g => Row(g.Group, g.Period.ToString(), g.Summary))]);

    /// <summary>The summary for people to read: words for headings, and each percentage with its counts
    /// ("71% (17 of 24)"), as annual reports print them; narrow enough for a terminal of 100 columns.</summary>
    public static TextTable SummariesInWords(IEnumerable<GroupSummary> groups) =>
        new(
            ["Group", "Period", "Met or on track", "Improved", "Red", "Concerns (SPC)"],
            [
                .. groups.Select(g =>
                    new string?[]
                    {
                        g.Group,
                        g.Period.ToString(),
                        Share(g.Summary.MetOrOnTrackPercent, g.Summary.MetOrOnTrack, g.Summary.ItemsRated),
                        Share(g.Summary.ImprovedPercent, g.Summary.Improved, g.Summary.MeasuresWithDirection),
                        Share(g.Summary.RatingPercents[2], g.Summary.Red, g.Summary.RatedMeasures),
                        g.Summary.SpecialCauseConcerns.ToString(CultureInfo.InvariantCulture),
                    }
                ),
            ]
        );

    private static string Share(int percent, int count, int of) =>
        of == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{percent}% ({count} of {of})");

    private static string?[] Row(string group, string period, Summary s)
    {
        var rating = s.RatingPercents;
        var direction = s.DirectionPercents;
        int[] numbers =
        [
            s.ItemsRated,
            s.MetOrOnTrack,
            s.MetOrOnTrackPercent,
            s.MeasuresWithDirection,
            s.Improved,
            s.ImprovedPercent,
            s.RatedMeasures,
            s.BlueGreen,
            s.Amber,
            s.Red,
            rating[0],
            rating[1],
            rating[2],
            s.Improving,
            s.Same,
            s.Deteriorating,
            direction[0],
            direction[1],
            direction[2],
            s.DirectionsBySpc,
            s.SpecialCauseConcerns,
            s.SpecialCauseImprovements,
        ];
        return [group, period, .. numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }
}
