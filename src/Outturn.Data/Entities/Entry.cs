namespace Outturn.Data.Entities;

/// <summary>
/// What is recorded for one item in one period: value, target, status, overrides and words. One row per item
/// and period; every change to a row is kept in <see cref="EntryChange"/>. Enums are stored as integers.
/// </summary>
public sealed class Entry
{
    public long Id { get; set; }
    public int ItemId { get; set; }

    /// <summary>The period's canonical text (2017/18 Q1).</summary>
    public required string Period { get; set; }
    public int PeriodKind { get; set; }
    public int PeriodStart { get; set; }
    public int PeriodEnd { get; set; }

    /// <summary>Number, text or missing; null when nothing is recorded (a row holding only a target).</summary>
    public int? ValueKind { get; set; }
    public decimal? ValueNumber { get; set; }
    public string? ValueText { get; set; }
    public int? MissingReason { get; set; }
    public int? Status { get; set; }
    public int? Qualifier { get; set; }
    public int? TargetKind { get; set; }
    public decimal? TargetValue { get; set; }

    /// <summary>The target as written when that says more than the number: "33 (per month)", "£125k".</summary>
    public string? TargetText { get; set; }
    public decimal? Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public string? Breakdown { get; set; }
    public string? ValueNote { get; set; }

    /// <summary>A second figure printed in brackets after the first: sessions beside attendance ("804 (52)").</summary>
    public decimal? SecondValue { get; set; }

    /// <summary>A small two-way table printed under the figure's row, in its canonical CSV
    /// (<see cref="Domain.Values.TwoWayTable"/>).</summary>
    public string? TwoWayTable { get; set; }
    public bool NoNewData { get; set; }
    public string? Commentary { get; set; }
    public string? CorrectiveAction { get; set; }
    public int? RagOverride { get; set; }
    public int? DotOverride { get; set; }
    public string? OverrideReason { get; set; }
    public decimal? BenchmarkNational { get; set; }
    public decimal? BenchmarkRegional { get; set; }
    public decimal? BenchmarkNeighbours { get; set; }

    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>A copy to change without touching this one.</summary>
    public Entry Clone() => (Entry)MemberwiseClone();
}

/// <summary>One field of one entry changed: who, when, old → new, from where (a file, the web, the API), and why
/// where the person said.</summary>
public sealed class EntryChange
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? Source { get; set; }

    /// <summary>Why a stored figure was corrected, in the person's words (at most <see cref="MaxReason"/>
    /// characters).</summary>
    public string? Reason { get; set; }

    public const int MaxReason = 500;
}
