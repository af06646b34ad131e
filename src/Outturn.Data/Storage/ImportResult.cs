namespace Outturn.Data.Storage;

/// <summary>What an import did (or, previewed, would do).</summary>
public sealed record ImportResult
{
    public bool OrganisationCreated { get; init; }
    public int ItemsAdded { get; init; }
    public int ItemsUpdated { get; init; }
    public int EntriesAdded { get; init; }
    public int EntriesChanged { get; init; }
    public int EntriesUnchanged { get; init; }
    public int FieldChanges { get; init; }
    public bool Applied { get; init; }

    public override string ToString() =>
        $"{ItemsAdded} items added, {ItemsUpdated} updated; {EntriesAdded} values added, {EntriesChanged} changed "
        + $"({FieldChanges} field changes kept in history), {EntriesUnchanged} unchanged";
}

/// <summary>How far a long import has got, for a progress bar.</summary>
public readonly record struct ImportProgress(string Stage, int Done, int Total);
