using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Data.Storage;

/// <summary>What an import did (or, previewed, would do).</summary>
public sealed record ImportResult
{
    /// <summary>How many changed or added values rows an import lists one by one; the counts cover them all.</summary>
    public const int RowsListed = 500;

    public bool OrganisationCreated { get; init; }
    public int ItemsAdded { get; init; }
    public int ItemsUpdated { get; init; }
    public int EntriesAdded { get; init; }
    public int EntriesChanged { get; init; }
    public int EntriesUnchanged { get; init; }
    public int FieldChanges { get; init; }
    public bool Applied { get; init; }

    /// <summary>The first <see cref="RowsListed"/> values rows that add or change a figure, in the files' order; rows
    /// that change nothing are counted, not listed.</summary>
    public IReadOnlyList<ImportRowChange> Rows { get; init; } = [];

    /// <summary>Rows that add or change a figure beyond those listed.</summary>
    public int RowsNotListed => Math.Max(0, EntriesAdded + EntriesChanged - Rows.Count);

    /// <summary>Listed rows whose figure may be a slip.</summary>
    public int RowsWithWarnings => Rows.Count(r => r.Warnings.Count > 0);

    public override string ToString() =>
        $"{ItemsAdded} items added, {ItemsUpdated} updated; {EntriesAdded} values added, {EntriesChanged} changed "
        + $"({FieldChanges} field changes kept in history), {EntriesUnchanged} unchanged";
}

/// <summary>One values row as an import applies it: the figure and target before and after (before is null for a
/// figure the import adds), the other fields it changes, and, in a preview, the rating the period will then
/// have.</summary>
public sealed record ImportRowChange(
    string Source,
    int Row,
    string Ref,
    Period Period,
    bool Added,
    string? ValueFrom,
    string? ValueTo,
    string? TargetFrom,
    string? TargetTo,
    IReadOnlyList<string> OtherFields
)
{
    /// <summary>The period in words, as pages show it.</summary>
    public string PeriodLabel => Period.Label;

    /// <summary>The rating of the period once the import is applied (set by a preview only).</summary>
    public RatingResult? Rating { get; init; }

    /// <summary>What may be a slip in the figure (<see cref="Outturn.Domain.Values.Plausibility"/>), for the person to
    /// check before confirming (set by a preview only).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    internal int ItemId { get; init; }
}

/// <summary>How far a long import has got, for a progress bar.</summary>
public readonly record struct ImportProgress(string Stage, int Done, int Total);
