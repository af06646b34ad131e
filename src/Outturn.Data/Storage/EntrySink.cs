using System.Threading.Channels;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Cycle;

namespace Outturn.Data.Storage;

/// <summary>
/// Takes checked values rows and writes them: a new entry is inserted; an existing one is compared field by field
/// with the row, and the fields that differ are updated and recorded in history. The only user of the database
/// connection while an import streams.
/// </summary>
/// <remarks>The stored entries of the items a batch touches are read in one query per batch (and items created by this
/// import are known to have none), so a row costs a dictionary look-up rather than a query.</remarks>
internal sealed class EntrySink(
    OutturnDbContext db,
    Dictionary<string, int> itemIds,
    IReadOnlySet<int> storedItems,
    string user,
    DateTime now,
    IProgress<ImportProgress>? progress,
    IReadOnlyDictionary<int, PeriodLock> locks,
    string? reason
)
{
    private readonly Dictionary<int, Dictionary<string, Entry>> _existing = [];
    private readonly List<Entry> _updates = [];
    private readonly List<EntryChange> _changes = [];
    private readonly List<ImportRowChange> _rows = [];
    private readonly List<ImportError> _locked = [];
    private int _unchanged;
    private string? _reasonFor;

    // Rows come grouped by item: the last item's id and stored entries answer most rows without a look-up. Refs are
    // pooled strings, so the same ref is usually the same string and compared by reference first.
    private string? _lastRef;
    private int _lastItemId;
    private Dictionary<string, Entry>? _lastStored;

    /// <summary>The first <see cref="ImportResult.RowsListed"/> rows that add or change a figure, with the item's
    /// reference key in <see cref="ImportRowChange.Ref"/>.</summary>
    public IReadOnlyList<ImportRowChange> Rows => _rows;

    /// <summary>The end month (<see cref="Domain.Periods.Period.EndMonth"/>) of the earliest period of all the rows
    /// that add or change a figure (listed or not); <see cref="int.MaxValue"/> when none does.</summary>
    public int EarliestEnd { get; private set; } = int.MaxValue;

    /// <summary>The rows that would add or change a figure of a locked month without a reason (<see
    /// cref="PeriodLocks"/>): errors, so nothing is applied.</summary>
    public IReadOnlyList<ImportError> Locked => _locked;

    public async Task<(int Added, int Changed, int Unchanged, int FieldChanges)> ConsumeAsync(
        ChannelReader<List<ValueRow>> reader,
        CancellationToken ct
    )
    {
        var writer = new EntryWriter(db);
        var added = 0;
        var inserts = new List<Entry>(4096);
        await using (var inserter = writer.BeginInsert())
        {
            await foreach (var batch in reader.ReadAllAsync(ct))
            {
                await LoadStoredAsync(batch, ct);
                foreach (var row in batch)
                {
                    if (Diff(row) is { } insert)
                    {
                        inserts.Add(insert);
                    }
                }

                inserter.Add(inserts);
                added += inserts.Count;
                inserts.Clear();
                progress?.Report(new ImportProgress("Writing values", added, 0));
            }

            await inserter.CompleteAsync(ct);
        }

        await writer.UpdateAsync(_updates, ct);
        await writer.InsertChangesAsync(_changes, ct);
        return (added, _updates.Count, _unchanged, _changes.Count);
    }

    /// <summary>Reads the stored entries of the items in this batch that are not in hand: only those items, as an
    /// import usually touches a few items of a large organisation. Items of earlier batches that this one does not
    /// touch are let go, so that a re-import of a million values does not hold a million stored entries.</summary>
    /// <remarks>An item let go and met again later is read again, without this import's own changes to it, which are
    /// not needed: each ref and period comes at most once in an import (the parser refuses a second), so the rows to
    /// come are for periods this import has not touched, stored as they were before it.</remarks>
    private async Task LoadStoredAsync(List<ValueRow> batch, CancellationToken ct)
    {
        var toRead = new HashSet<int>();
        var inBatch = new HashSet<int>();
        string? lastRef = null;
        foreach (var row in batch)
        {
            if (ReferenceEquals(row.RefKey, lastRef))
            {
                continue;
            }

            lastRef = row.RefKey;
            var itemId = itemIds[row.RefKey];
            inBatch.Add(itemId);
            if (!_existing.ContainsKey(itemId))
            {
                if (storedItems.Contains(itemId))
                {
                    toRead.Add(itemId);
                }
                else
                {
                    _existing[itemId] = [];
                }
            }
        }

        foreach (var itemId in _existing.Keys.Where(id => !inBatch.Contains(id)).ToList())
        {
            _existing.Remove(itemId);
        }

        _lastRef = null;
        if (toRead.Count > 0)
        {
            foreach (var (itemId, entries) in await EntryReader.ReadForUpdateAsync(db, toRead, ct))
            {
                _existing[itemId] = entries;
            }
        }
    }

    /// <summary>The entry to insert for a new ref and period; null when the row updated (or matched) a stored
    /// entry.</summary>
    private Entry? Diff(ValueRow row)
    {
        if (!string.Equals(row.RefKey, _lastRef, StringComparison.Ordinal))
        {
            _lastRef = row.RefKey;
            _lastItemId = itemIds[row.RefKey];
            _lastStored = _existing[_lastItemId];
        }

        var (itemId, stored) = (_lastItemId, _lastStored!);
        var parsed = row.Entry;
        if (!stored.TryGetValue(parsed.Period, out var old))
        {
            if (EntryFields.IsBlank(parsed))
            {
                // A template's line left blank: nothing to add.
                _unchanged++;
                return null;
            }

            CheckLock(row);
            parsed.ItemId = itemId;
            parsed.UpdatedBy = parsed.CreatedBy = user;
            parsed.UpdatedAt = parsed.CreatedAt = now;
            List(row, itemId, added: true, old: null, parsed, null);
            return parsed;
        }

        if (EntryFields.SameAsStored(parsed, old, row.Present))
        {
            _unchanged++;
            return null;
        }

        var next = old.Clone();
        EntryFields.CopyPresent(parsed, next, row.Present);
        _reasonFor = CheckLock(row);
        var before = _changes.Count;
        List<string>? others = null;
        foreach (var field in EntryFields.All)
        {
            if ((row.Present & field.Flag) == 0)
            {
                continue;
            }

            var (from, to) = (field.Describe(old), field.Describe(next));
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                _changes.Add(
                    new EntryChange
                    {
                        EntryId = old.Id,
                        Field = field.Name,
                        OldValue = from,
                        NewValue = to,
                        ChangedBy = user,
                        ChangedAt = now,
                        Source = $"{row.Source} row {row.Row}",
                        Reason = _reasonFor,
                    }
                );
                if (field.Flag is not (EntryField.Value or EntryField.Target))
                {
                    (others ??= []).Add(field.Name);
                }
            }
        }

        if (_changes.Count == before)
        {
            _unchanged++;
        }
        else
        {
            next.UpdatedBy = user;
            next.UpdatedAt = now;
            _updates.Add(next);
            stored[next.Period] = next;
            List(row, itemId, added: false, old, next, others ?? []);
        }

        return null;
    }

    /// <summary>Records the row as refused if it changes a figure of a locked month without a reason; returns the
    /// reason to keep with its changes (only for a locked month's figure).</summary>
    private string? CheckLock(ValueRow row)
    {
        if (locks.Count == 0 || PeriodLocks.Closing(locks, row.Period) is not { } closing)
        {
            return null;
        }

        if (PeriodLocks.Refusal(closing, PeriodLocks.Check(closing, officer: true, reason)) is { } refusal)
        {
            _locked.Add(new ImportError(row.Source, row.Row, "period", row.Period.ToString(), refusal));
            return null;
        }

        return reason!.Trim();
    }

    /// <param name="others">The fields other than figure and target that the row changes; null for an added entry,
    /// whose fields are all new (those it sets are listed).</param>
    private void List(ValueRow row, int itemId, bool added, Entry? old, Entry next, IReadOnlyList<string>? others)
    {
        EarliestEnd = Math.Min(EarliestEnd, row.Period.EndMonth);
        if (_rows.Count >= ImportResult.RowsListed)
        {
            return;
        }

        others ??=
        [
            .. EntryFields
                .All.Where(f =>
                    f.Flag is not (EntryField.Value or EntryField.Target) && !string.IsNullOrEmpty(f.Describe(next))
                )
                .Select(f => f.Name),
        ];

        _rows.Add(
            new ImportRowChange(
                row.Source,
                row.Row,
                row.RefKey,
                row.Period,
                added,
                old is null ? null : EntryFields.DescribeValue(old),
                EntryFields.DescribeValue(next),
                old is null ? null : EntryFields.DescribeTarget(old),
                EntryFields.DescribeTarget(next),
                others
            )
            {
                ItemId = itemId,
            }
        );
    }
}
