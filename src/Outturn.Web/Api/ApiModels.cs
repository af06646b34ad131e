using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Api;

// The API's resources. Property names are written snake_case (the interchange format's spelling) and enum values in
// the words of docs/import-format.md, so that what is read can be written back as it is.

/// <summary>An organisation, its settings and its rating scheme.</summary>
public sealed record OrganisationRecord(
    string Slug,
    string Name,
    string FinancialYearStart,
    string AmberTolerance,
    string? BlueMargin,
    string MissingRating,
    string DirectionTolerance,
    string Url
);

/// <summary>The framework: priorities with their themes, and committees, in their order.</summary>
public sealed record FrameworkRecord(IReadOnlyList<PriorityRecord> Priorities, IReadOnlyList<string> Committees);

public sealed record PriorityRecord(string Name, IReadOnlyList<string> Themes);

/// <summary>A measure or action's definition. The owner is shown to the organisation's own people and tokens
/// only.</summary>
public sealed record ItemRecord(
    string Ref,
    string Title,
    string Kind,
    string? Priority,
    string? Theme,
    IReadOnlyList<string> Committees,
    string Unit,
    int? RatePer,
    int? Decimals,
    string Polarity,
    string Frequency,
    string Aggregation,
    string? Owner,
    string? Description,
    IReadOnlyList<string> Tags,
    string? AmberTolerance,
    string? BlueMargin
)
{
    public static ItemRecord Of(Item i, bool withOwner) =>
        new(
            i.Ref,
            i.Title,
            Codes.Of(i.Kind),
            i.Theme?.Priority?.Name,
            i.Theme?.Name,
            [.. i.Committees.OrderBy(c => c.Committee!.SortOrder).Select(c => c.Committee!.Name)],
            Codes.Of(i.Unit),
            i.RatePer,
            i.Decimals,
            Codes.Of(i.Polarity),
            Codes.Of(i.Frequency),
            Codes.Of(i.Aggregation),
            withOwner ? i.Owner : null,
            i.Description,
            [.. (i.Tags ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            i.AmberTolerance,
            i.BlueMargin
        );
}

/// <summary>A period with figures: its text as written everywhere (2017/18 Q1), kind, and first and last day.</summary>
public sealed record PeriodRecord(string Period, string Kind, DateOnly Start, DateOnly End)
{
    public static PeriodRecord Of(Period p) =>
        new(p.ToString(), Codes.Of(p.Kind), FirstDay(p.StartMonth), LastDay(p.EndMonth));

    public static DateOnly FirstDay(int month) => new(MonthIndex.Year(month), MonthIndex.Month(month), 1);

    public static DateOnly LastDay(int month) => FirstDay(month).AddMonths(1).AddDays(-1);
}

/// <summary>
/// What is recorded for one item and period: the values table's columns (docs/import-format.md), as text in
/// the same words, with <c>value_number</c> and <c>target_number</c> beside them for tools that want numbers.
/// </summary>
public sealed record ValueRecord(
    string Ref,
    string Period,
    string PeriodKind,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string? Value,
    decimal? ValueNumber,
    string? Status,
    string? Qualifier,
    string? Target,
    decimal? TargetNumber,
    decimal? Numerator,
    decimal? Denominator,
    string? Breakdown,
    string? ValueNote,
    bool NoNewData,
    string? Commentary,
    string? CorrectiveAction,
    string? RagOverride,
    string? OverrideReason,
    string? DotOverride,
    string? MissingReason,
    decimal? BenchmarkNational,
    decimal? BenchmarkRegional,
    decimal? BenchmarkNeighbours,
    decimal? SecondValue,
    string? Table,
    DateTime UpdatedAt
)
{
    public static ValueRecord Of(string reference, Entry e)
    {
        // Each field's text as the export writes it (EntryFields), named, never by its column's position.
        return new ValueRecord(
            reference,
            e.Period,
            Codes.Of((PeriodKind)e.PeriodKind),
            PeriodRecord.FirstDay(e.PeriodStart),
            PeriodRecord.LastDay(e.PeriodEnd),
            EntryFields.ValueCell(e),
            e.ValueNumber,
            EntryFields.Describe(EntryField.Status, e),
            EntryFields.Describe(EntryField.Qualifier, e),
            EntryFields.DescribeTarget(e),
            e.TargetKind is not null ? e.TargetValue : null,
            e.Numerator,
            e.Denominator,
            e.Breakdown,
            e.ValueNote,
            e.NoNewData,
            e.Commentary,
            e.CorrectiveAction,
            EntryFields.Describe(EntryField.RagOverride, e),
            e.OverrideReason,
            EntryFields.Describe(EntryField.DotOverride, e),
            EntryFields.MissingReasonCell(e),
            e.BenchmarkNational,
            e.BenchmarkRegional,
            e.BenchmarkNeighbours,
            e.SecondValue,
            e.TwoWayTable,
            DateTime.SpecifyKind(e.UpdatedAt, DateTimeKind.Utc)
        );
    }
}

/// <summary>A page of a long list; <c>next</c> is the address of the following page, absent on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, string? Next);

/// <summary>An item's rating and direction of travel for a period, with the reason in words (as `outturn
/// evaluate`).</summary>
public sealed record EvaluationRecord(
    string Ref,
    string Kind,
    string Title,
    string? Priority,
    string? Theme,
    IReadOnlyList<string> Committees,
    string Period,
    string? Value,
    string? Target,
    string Rating,
    string ComputedRating,
    string? DirectionShort,
    string? DirectionLong,
    string? ComputedDirectionShort,
    string? ComputedDirectionLong,
    string PreviousPeriod,
    string? PreviousValue,
    string LastYearPeriod,
    string? LastYearValue,
    string? Qualifier,
    bool CarriedForward,
    string Reason,
    string? OverrideReason,
    string? SpcVariation,
    string? SpcAssurance
)
{
    public static EvaluationRecord Of(ItemEvaluation e)
    {
        var ev = e.Evaluation;
        var spc = EvaluationTable.SpcCodes(e);
        return new(
            e.Item.Ref,
            Codes.Of(e.Item.Kind),
            e.Item.Title,
            e.Priority,
            e.Theme,
            e.Committees,
            ev.Period.ToString(),
            EvaluationTable.ValueText(ev.Entry?.Value, ev.Entry?.Status),
            EvaluationTable.TargetText(ev.Target),
            Codes.Of(ev.Rating.Final),
            Codes.Of(ev.Rating.Computed),
            Code(ev.DirectionShort),
            Code(ev.DirectionLong),
            Code(ev.ComputedShort),
            Code(ev.ComputedLong),
            ev.PreviousPeriod.ToString(),
            EvaluationTable.ValueText(ev.Previous?.Value, ev.Previous?.Status),
            ev.LastYearPeriod.ToString(),
            EvaluationTable.ValueText(ev.LastYear?.Value, ev.LastYear?.Status),
            ev.Entry?.Qualifier is { } q ? Codes.Of(q) : null,
            ev.IsCarriedForward,
            ev.Rating.Reason,
            ev.Entry?.OverrideReason,
            spc[0],
            spc[1]
        );
    }

    private static string? Code(Direction? d) => d is { } x ? Codes.Of(x) : null;
}

/// <summary>A summary for a group (a priority, a committee, or All), as `outturn summary`.</summary>
public sealed record SummaryRecord(
    string Group,
    string Period,
    int ItemsRated,
    int MetOrOnTrack,
    int MetOrOnTrackPct,
    int MeasuresWithDirection,
    int Improved,
    int ImprovedPct,
    int RatedMeasures,
    int BlueGreen,
    int Amber,
    int Red,
    int BlueGreenPct,
    int AmberPct,
    int RedPct,
    int Improving,
    int Same,
    int Deteriorating,
    int ImprovingPct,
    int SamePct,
    int DeterioratingPct,
    int DirectionsBySpc,
    int SpecialCauseConcerns,
    int SpecialCauseImprovements
)
{
    public static SummaryRecord Of(GroupSummary g)
    {
        Summary s = g.Summary;
        return new(
            g.Group,
            g.Period.ToString(),
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
            s.RatingPercents[0],
            s.RatingPercents[1],
            s.RatingPercents[2],
            s.Improving,
            s.Same,
            s.Deteriorating,
            s.DirectionPercents[0],
            s.DirectionPercents[1],
            s.DirectionPercents[2],
            s.DirectionsBySpc,
            s.SpecialCauseConcerns,
            s.SpecialCauseImprovements
        );
    }
}

/// <summary>A committee's period that has been published.</summary>
/// <summary>A published committee period: its version (one more with each correction), the latest correction's date
/// and note, and, when withdrawn, when and why (its figures are then no longer public).</summary>
public sealed record PublicationRecord(
    string Committee,
    string Period,
    DateTime PublishedAt,
    int Version,
    DateTime? CorrectedAt,
    string? CorrectionNote,
    DateTime? WithdrawnAt,
    string? WithdrawnReason
);

/// <summary>
/// A write of values: rows of the values table as JSON objects. A field left out is left as it is; a field given
/// as null or "" is cleared. Numbers may be written as JSON numbers or as text.
/// </summary>
public sealed record ValuesWrite(IReadOnlyList<ValueWriteRow> Values);

/// <summary>One row of a write: the values table's columns (docs/import-format.md); only ref and period are
/// required.</summary>
public sealed record ValueWriteRow(
    string Ref,
    string Period,
    string? Value,
    string? Status,
    string? Qualifier,
    string? Target,
    string? Numerator,
    string? Denominator,
    string? Breakdown,
    string? ValueNote,
    string? NoNewData,
    string? Commentary,
    string? CorrectiveAction,
    string? RagOverride,
    string? OverrideReason,
    string? DotOverride,
    string? MissingReason,
    string? BenchmarkNational,
    string? BenchmarkRegional,
    string? BenchmarkNeighbours,
    string? SecondValue = null,
    string? Table = null
);

/// <summary>What a write did: rows added, changed and unchanged, and fields changed (kept in history).</summary>
public sealed record WriteResult(bool Applied, int Added, int Changed, int Unchanged, int FieldChanges);
