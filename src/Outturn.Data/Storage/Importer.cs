using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Data.Storage;

/// <summary>
/// Imports the interchange format (measures and values tables, as CSV files or workbook sheets) into one
/// organisation. All or nothing: every file is read and every row checked before anything is written, a file
/// with any bad row changes nothing, and the errors name every bad row. Re-importing a file changes nothing;
/// a later file updates values, and the fields it changes are kept in history (who, when, old → new).
/// </summary>
public sealed class Importer(OutturnDbContext db, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(string organisation, IReadOnlyList<string> files, string user,
        bool apply = true, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        var tables = files.SelectMany(f => TableReader.Open(f, errors)).ToList();
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == organisation, ct);
        var stored = org is null ? [] : await db.Items.AsNoTracking().Where(i => i.OrganisationId == org.Id)
            .ToDictionaryAsync(i => i.RefKey, i => new ItemShape(i.Kind, i.Unit, i.RatePer), ct);

        var measures = ReadMeasures(tables, errors);
        var shapes = new Dictionary<string, ItemShape>(stored);
        foreach (var m in measures)
        {
            var before = shapes.GetValueOrDefault(Item.KeyOf(m.Ref));
            shapes[Item.KeyOf(m.Ref)] = new ItemShape(m.Kind ?? before?.Kind ?? ItemKind.Measure, m.Unit ?? before?.Unit ?? Unit.Count, m.RatePer ?? before?.RatePer);
        }

        var values = new List<ValueRow>();
        var seen = new Dictionary<(string, Period), (string, int)>();
        foreach (var table in tables.Where(t => t.Kind == TableKind.Values))
        {
            if (Columns.Map(table, errors) is { } map)
            {
                progress?.Report(new ImportProgress($"Checking {table.Source}", 0, 0));
                ValueRowParser.Parse(table, map, shapes, errors, values, seen);
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        if (tables.Count == 0)
        {
            throw new ImportRejectedException([new ImportError(string.Join(", ", files.Select(Path.GetFileName)), 0, null, null, "at least one measures or values table")]);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await ApplyAsync(organisation, measures, values, user, progress, ct);
            if (apply)
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
            return result with { Applied = apply };
        });
    }

    private static List<MeasureRow> ReadMeasures(List<RawTable> tables, List<ImportError> errors)
    {
        var rows = new List<MeasureRow>();
        var firstSeen = new Dictionary<string, MeasureRow>();
        foreach (var table in tables.Where(t => t.Kind == TableKind.Measures))
        {
            if (Columns.Map(table, errors) is not { } map)
            {
                continue;
            }

            foreach (var row in MeasureRowParser.Parse(table, map, errors))
            {
                if (!firstSeen.TryAdd(Item.KeyOf(row.Ref), row))
                {
                    var first = firstSeen[Item.KeyOf(row.Ref)];
                    errors.Add(new ImportError(row.Source, row.Row, "ref", row.Ref, $"each reference once: it is also on {first.Source} row {first.Row}"));
                    continue;
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private async Task<ImportResult> ApplyAsync(string name, List<MeasureRow> measures, List<ValueRow> values, string user,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var org = await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, ct);
        var created = org is null;
        if (org is null)
        {
            org = new Organisation { Name = name };
            db.Organisations.Add(org);
            await db.SaveChangesAsync(ct);
        }

        var (added, updated) = await new FrameworkWriter(db, org).ApplyAsync(measures, ct);
        var itemIds = await db.Items.AsNoTracking().Where(i => i.OrganisationId == org.Id).ToDictionaryAsync(i => i.RefKey, i => i.Id, ct);
        var (inserts, updates, changes, unchanged) = await DiffEntriesAsync(values, itemIds, user, ct);

        var writer = new EntryWriter(db);
        progress?.Report(new ImportProgress("Writing values", 0, inserts.Count));
        await writer.InsertAsync(inserts, new Progress<int>(n => progress?.Report(new ImportProgress("Writing values", n, inserts.Count))), ct);
        await writer.UpdateAsync(updates, ct);
        await writer.InsertChangesAsync(changes, ct);
        return new ImportResult
        {
            OrganisationCreated = created,
            ItemsAdded = added,
            ItemsUpdated = updated,
            EntriesAdded = inserts.Count,
            EntriesChanged = updates.Count,
            EntriesUnchanged = unchanged,
            FieldChanges = changes.Count,
        };
    }

    private async Task<(List<Entry> Inserts, List<Entry> Updates, List<EntryChange> Changes, int Unchanged)> DiffEntriesAsync(
        List<ValueRow> values, Dictionary<string, int> itemIds, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = values.Select(v => itemIds[v.RefKey]).Distinct().ToList();
        var existing = new Dictionary<(int, string), Entry>();
        foreach (var chunk in ids.Chunk(500))
        {
            await foreach (var e in db.Entries.AsNoTracking().Where(e => chunk.Contains(e.ItemId)).AsAsyncEnumerable().WithCancellation(ct))
            {
                existing[(e.ItemId, e.Period)] = e;
            }
        }

        var inserts = new List<Entry>(values.Count);
        var updates = new List<Entry>();
        var changes = new List<EntryChange>();
        var unchanged = 0;
        foreach (var row in values)
        {
            var itemId = itemIds[row.RefKey];
            var parsed = row.Entry;
            if (!existing.TryGetValue((itemId, parsed.Period), out var old))
            {
                parsed.ItemId = itemId;
                parsed.UpdatedBy = parsed.CreatedBy = user;
                parsed.UpdatedAt = parsed.CreatedAt = now;
                inserts.Add(parsed);
                continue;
            }

            var next = old.Clone();
            EntryFields.CopyPresent(parsed, next, row.Present);
            var before = changes.Count;
            foreach (var field in EntryFields.All)
            {
                if ((row.Present & field.Flag) == 0)
                {
                    continue;
                }

                var (from, to) = (field.Describe(old), field.Describe(next));
                if (!string.Equals(from, to, StringComparison.Ordinal))
                {
                    changes.Add(new EntryChange { EntryId = old.Id, Field = field.Name, OldValue = from, NewValue = to, ChangedBy = user, ChangedAt = now, Source = $"{row.Source} row {row.Row}" });
                }
            }

            if (changes.Count == before)
            {
                unchanged++;
                continue;
            }

            next.UpdatedBy = user;
            next.UpdatedAt = now;
            updates.Add(next);
        }

        return (inserts, updates, changes, unchanged);
    }
}
