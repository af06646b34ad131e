using Outturn.Data.Entities;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Data.Storage;

/// <summary>Turns stored rows into the domain's values, for the rating engine.</summary>
public static class DomainMapping
{
    public static RatingScheme ToScheme(this Organisation org) =>
        new()
        {
            AmberTolerance = Tolerance.Parse(org.AmberTolerance),
            BlueMargin =
                org.BlueMargin is null ? null
                : Tolerance.Parse(org.BlueMargin) is { IsZero: false } blue ? blue
                : null,
            MissingRating = org.MissingRating == "amber" ? Rag.Amber : Rag.NoData,
            DirectionTolerance = Tolerance.Parse(org.DirectionTolerance),
            DirectionStyle = Codes.TryParse<DirectionStyle>(org.DirectionStyle, out var style)
                ? style
                : DirectionStyle.Judged,
            DirectionMethod = Codes.TryParse<DirectionMethod>(org.DirectionMethod, out var method)
                ? method
                : DirectionMethod.TwoPoint,
        };

    public static MeasureProfile ToProfile(this Item item) =>
        new()
        {
            Kind = item.Kind,
            Polarity = item.Polarity,
            Unit = item.Unit,
            RatePer = item.RatePer,
            UnitLabel = item.UnitLabel,
            TargetProfile = item.TargetProfile is null ? null : TargetProfile.Parse(item.TargetProfile),
            Decimals = item.Decimals,
            DirectionStyle = Codes.TryParse<DirectionStyle>(item.DirectionStyle, out var style) ? style : null,
            DirectionMethod = Codes.TryParse<DirectionMethod>(item.DirectionMethod, out var method) ? method : null,
            SpcFixAfter = item.SpcFixAfter,
            SpcScreenOutliers = item.SpcScreenOutliers,
            RateBySignificance = Codes.TryParse<ComparatorTarget>(item.RateBySignificance, out var against)
                ? against
                : null,
            Frequency = item.Frequency,
            Aggregation = item.Aggregation,
            AmberTolerance = item.AmberTolerance is null ? null : Tolerance.Parse(item.AmberTolerance),
            BlueMargin = item.BlueMargin is null ? null : Tolerance.Parse(item.BlueMargin),
            SpcRebases =
            [
                .. item.SpcRebases.Select(r => new Domain.Statistics.SpcRebase(
                    Domain.Periods.Period.Parse(r.Period),
                    r.Reason
                )),
            ],
        };

    public static PeriodEntry ToDomain(this Entry e) =>
        new()
        {
            Period = PeriodOf(e),
            Value = (OutturnKind?)e.ValueKind switch
            {
                OutturnKind.Number => OutturnValue.Of(e.ValueNumber ?? 0, e.ValueText),
                OutturnKind.Text => OutturnValue.OfText(e.ValueText ?? "?"),
                OutturnKind.Missing => OutturnValue.Missing((MissingReason)(e.MissingReason ?? 0)),
                _ => OutturnValue.NotRecorded,
            },
            Target = (TargetKind?)e.TargetKind switch
            {
                TargetKind.Number => Target.Of(e.TargetValue ?? 0, e.TargetText),
                TargetKind.NoTarget => Target.None,
                TargetKind.ToBeConfirmed => Target.ToBeConfirmed,
                TargetKind.Comparator when Target.TryParseCompared(e.TargetText, out var compared) => compared,
                _ => null,
            },
            Status = (ActionStatus?)e.Status,
            Qualifier = (Qualifier?)e.Qualifier,
            Numerator = e.Numerator,
            Denominator = e.Denominator,
            Breakdown = e.Breakdown is not null && Breakdown.TryParse(e.Breakdown, out var b, out _) ? b : null,
            ValueNote = e.ValueNote,
            NoNewData = e.NoNewData,
            Commentary = e.Commentary,
            CorrectiveAction = e.CorrectiveAction,
            RagOverride = (Rag?)e.RagOverride,
            DirectionOverride = (Direction?)e.DotOverride,
            OverrideReason = e.OverrideReason,
            BenchmarkNational = e.BenchmarkNational,
            BenchmarkRegional = e.BenchmarkRegional,
            BenchmarkNeighbours = e.BenchmarkNeighbours,
            SecondValue = e.SecondValue,
            Table = e.TwoWayTable is not null && TwoWayTable.TryParse(e.TwoWayTable, out var t, out _) ? t : null,
        };

    /// <summary>The entry's period from its stored kind and months (no text parsing: this runs for every figure
    /// read).</summary>
    public static Period PeriodOf(Entry e)
    {
        return Period.FromMonths((PeriodKind)e.PeriodKind, e.PeriodStart, e.PeriodEnd);
    }
}
