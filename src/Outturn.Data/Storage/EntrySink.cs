using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;

namespace Outturn.Data.Storage;

/// <summary>
/// Takes checked values rows and writes them: a new entry is inserted; an existing one is compared field by field
/// with the row, and the fields that differ are updated and recorded in history. The only user of the database
/// connection while an import streams.
/// </summary>
internal sealed class EntrySink(OutturnDbContext db, Dictionary<string, int> itemIds, string user, DateTime now, IProgress<ImportProgress>? progress)
{
    private readonly Dictionary<int, Dictionary<string, Entry>> _existing = [];
    private readonly List<Entry> _updates = [];
    private readonly List<EntryChange> _changes = [];
    private int _unchanged;

    public async Task<(int Added, int Changed, int Unchanged, int FieldChanges)> ConsumeAsync(ChannelReader<List<ValueRow>> reader, CancellationToken ct)
    {
        var writer = new EntryWriter(db);
        var added = 0;
        var inserts = new List<Entry>(4096);
        await using (var inserter = writer.BeginInsert())
        {
            await foreach (var batch in reader.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    if (await DiffAsync(row, ct) is { } insert)
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

    /// <summary>The entry to insert for a new ref and period; null when the row updated (or matched) a stored entry.</summary>
    private async Task<Entry?> DiffAsync(ValueRow row, CancellationToken ct)
    {
        var itemId = itemIds[row.RefKey];
        if (!_existing.TryGetValue(itemId, out var stored))
        {
            // Loaded item by item, as first met: an import touches a few items of a large organisation.
            stored = await db.Entries.AsNoTracking().Where(e => e.ItemId == itemId).ToDictionaryAsync(e => e.Period, ct);
            _existing[itemId] = stored;
        }

        var parsed = row.Entry;
        if (!stored.TryGetValue(parsed.Period, out var old))
        {
            parsed.ItemId = itemId;
            parsed.UpdatedBy = parsed.CreatedBy = user;
            parsed.UpdatedAt = parsed.CreatedAt = now;
            return parsed;
        }

        var next = old.Clone();
        EntryFields.CopyPresent(parsed, next, row.Present);
        var before = _changes.Count;
        foreach (var field in EntryFields.All)
        {
            if ((row.Present & field.Flag) == 0)
            {
                continue;
            }

            var (from, to) = (field.Describe(old), field.Describe(next));
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                _changes.Add(new EntryChange { EntryId = old.Id, Field = field.Name, OldValue = from, NewValue = to, ChangedBy = user, ChangedAt = now, Source = $"{row.Source} row {row.Row}" });
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
        }

        return null;
    }
}
