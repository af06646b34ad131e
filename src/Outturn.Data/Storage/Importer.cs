using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Data.Storage;

/// <summary>
/// Imports the interchange format (measures and values tables, as CSV files or workbook sheets) into one
/// organisation. All or nothing: everything is written inside one transaction, which is committed only when
/// every row of every file has been checked and none is bad; otherwise it is rolled back and the errors name
/// every bad row. Re-importing a file changes nothing; a later file updates values, and the fields it changes
/// are kept in history (who, when, old → new).
/// </summary>
/// <remarks>
/// Values are read on one thread and written on another as they come, in batches through a bounded channel,
/// so a million-row file is never held in memory whole and reading overlaps writing (docs/benchmarks.md).
/// </remarks>
public sealed class Importer(OutturnDbContext db, TimeProvider clock)
{
    private const int BatchSize = 4096;

    /// <summary>Files from this size up (about 40,000 values rows) are loaded into SQLite under the rollback journal,
    /// without row-by-row foreign key checks, when no one else has the database open (<see
    /// cref="SqliteBulkLoad"/>).</summary>
    internal long BulkLoadBytes { get; init; } = 1 << 20;

    /// <summary>Why figures of locked months are being changed (<see cref="Domain.Cycle.PeriodLocks"/>), kept with
    /// each change: given only by a performance officer's door (the upload page, <c>outturn import --reason</c>).
    /// Without it, a row that adds or changes such a figure is an error naming the lock.</summary>
    public string? CorrectionReason { get; init; }

    /// <summary>Checks the files and, with <paramref name="apply"/>, writes them in one transaction: all or nothing
    /// (<see cref="Diagnostics.Jobs"/> records it as the job "import").</summary>
    public Task<ImportResult> ImportAsync(
        string organisation,
        IReadOnlyList<string> files,
        string user,
        bool apply = true,
        IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default
    ) => Diagnostics.Jobs.RunAsync("import", () => RunAsync(organisation, files, user, apply, progress, ct));

    private async Task<ImportResult> RunAsync(
        string organisation,
        IReadOnlyList<string> files,
        string user,
        bool apply,
        IProgress<ImportProgress>? progress,
        CancellationToken ct
    )
    {
        var errors = new List<ImportError>();
        var tables = files.SelectMany(f => TableReader.Open(f, errors)).ToList();
        if (tables.Count == 0 && errors.Count == 0)
        {
            errors.Add(
                new ImportError(
                    string.Join(", ", files.Select(Path.GetFileName)),
                    0,
                    null,
                    null,
                    "at least one measures or values table"
                )
            );
        }

        var bytes = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return await ImportAsync(
            organisation,
            tables,
            errors,
            user,
            apply,
            progress,
            bulkLoad: bytes >= BulkLoadBytes,
            ct
        );
    }

    /// <summary>Imports tables already read (from files, or built from an API request's JSON), after any
    /// <paramref name="errors"/> found while reading them: with the same checks and the same all-or-nothing
    /// rule.</summary>
    public Task<ImportResult> ImportAsync(
        string organisation,
        IReadOnlyList<RawTable> tables,
        List<ImportError> errors,
        string user,
        bool apply = true,
        IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default
    ) => ImportAsync(organisation, tables, errors, user, apply, progress, bulkLoad: false, ct);

    private async Task<ImportResult> ImportAsync(
        string organisation,
        IReadOnlyList<RawTable> tables,
        List<ImportError> errors,
        string user,
        bool apply,
        IProgress<ImportProgress>? progress,
        bool bulkLoad,
        CancellationToken ct
    )
    {
        // The framework changes the import makes are the importer's user's, in the audit trail.
        db.Actor = user;
        var measures = ReadMeasures(tables, errors);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var bulk = bulkLoad ? await SqliteBulkLoad.TryBeginAsync(db, ct) : null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await ImportLock.TakeAsync(db, organisation, ct);
                var result = await ApplyAsync(organisation, measures, tables, errors, user, progress, rate: !apply, ct);
                if (errors.Count > 0)
                {
                    throw new ImportRejectedException(errors);
                }

                if (apply)
                {
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }

                return result with
                {
                    Applied = apply,
                };
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        });
    }

    private static List<MeasureRow> ReadMeasures(IReadOnlyList<RawTable> tables, List<ImportError> errors)
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
                    errors.Add(
                        new ImportError(
                            row.Source,
                            row.Row,
                            "ref",
                            row.Ref,
                            $"each reference once: it is also on {first.Source} row {first.Row}"
                        )
                    );
                    continue;
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private async Task<ImportResult> ApplyAsync(
        string name,
        List<MeasureRow> measures,
        IReadOnlyList<RawTable> tables,
        List<ImportError> errors,
        string user,
        IProgress<ImportProgress>? progress,
        bool rate,
        CancellationToken ct
    )
    {
        // The organisations' names are read without EF's query pipeline: for a new one, the import then goes through
        // none of EF's code that a command would compile for it (FrameworkWriter, UntrackedInsert).
        var names = await OrganisationsAsync(ct);
        var org = names.TryGetValue(name, out var id) ? await db.Organisations.SingleAsync(o => o.Id == id, ct) : null;
        var created = org is null;
        if (org is null)
        {
            // Addresses name an organisation by its slug: two that share one would shadow each other.
            var slug = Slug.Of(name);
            var taken = names.Keys.FirstOrDefault(n => Slug.Of(n) == slug);
            if (string.IsNullOrEmpty(slug) || taken is not null)
            {
                throw new OutturnException(
                    string.IsNullOrEmpty(slug)
                        ? $"An organisation's name needs letters or digits: '{name}' has none to make its web address "
                            + $"from."
                        : $"'{name}' would have the same web address (/{slug}) as the organisation '{taken}': choose "
                            + $"a name that differs in its letters or digits."
                );
            }

            org = new Organisation { Name = name };
            await UntrackedInsert.InsertAsync(db, [org], ct);
            var at = db.Clock.GetUtcNow().UtcDateTime;
            await UntrackedInsert.InsertAsync(db, [FrameworkAudit.Added(db, org, at)], ct);
        }

        // Bad measure rows are left out here, so what is written may be incomplete; the errors roll it all back.
        var framework = await new FrameworkWriter(db, org) { OrganisationIsNew = created }.ApplyAsync(measures, ct);
        if (framework.Changed)
        {
            await DataVersion.BumpAsync(db, org.Id, ct);
        }

        // Values rows are read by the items as they now stand (a measures table in the same import may have added them
        // or changed their kind or unit), and only items there before this import can have stored entries.
        var shapes = new Dictionary<string, ItemShape>();
        var itemIds = new Dictionary<string, int>();
        foreach (var item in framework.Items)
        {
            shapes[item.RefKey] = new ItemShape(item.Kind, item.Unit, item.RatePer, shapes.Count);
            itemIds[item.RefKey] = item.Id;
        }

        var channel = Channel.CreateBounded<List<ValueRow>>(
            new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true }
        );
        var locks = await Cycle.PeriodLockService.ReadAsync(db, org.Id, ct);
        var sink = new EntrySink(
            db,
            itemIds,
            framework.StoredIds,
            user,
            clock.GetUtcNow().UtcDateTime,
            progress,
            locks,
            CorrectionReason
        );
        var writing = Task.Run(() => sink.ConsumeAsync(channel.Reader, ct), ct);
        try
        {
            var parser = new ValueRowParser(shapes, errors);
            var batch = new List<ValueRow>(BatchSize);
            foreach (var table in tables.Where(t => t.Kind == TableKind.Values))
            {
                if (Columns.Map(table, errors) is not { } map)
                {
                    continue;
                }

                progress?.Report(new ImportProgress($"Importing {table.Source}", 0, 0));
                parser.Parse(
                    table,
                    map,
                    row =>
                    {
                        // After the first error nothing more is written (it will all be rolled back), but every row is
                        // still checked.
                        if (errors.Count > 0)
                        {
                            return;
                        }

                        batch.Add(row);
                        if (batch.Count == BatchSize)
                        {
                            channel.Writer.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
                            batch = new List<ValueRow>(BatchSize);
                        }
                    }
                );
            }

            if (batch.Count > 0 && errors.Count == 0)
            {
                await channel.Writer.WriteAsync(batch, ct);
            }
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        var counts = await writing;
        errors.AddRange(sink.Locked);
        if (!framework.Changed && sink.EarliestEnd != int.MaxValue)
        {
            await DataVersion.BumpForFiguresAsync(db, org.Id, sink.EarliestEnd, ct);
        }
        var refs = framework.Items.ToDictionary(i => i.Id);
        IReadOnlyList<ImportRowChange> rows =
        [
            .. sink.Rows.Select(r => r with { Ref = refs.TryGetValue(r.ItemId, out var i) ? i.Ref : r.Ref }),
        ];
        if (rate && errors.Count == 0)
        {
            rows = await RateAsync(org, refs, rows, ct);
        }

        return new ImportResult
        {
            Rows = rows,
            OrganisationCreated = created,
            ItemsAdded = framework.Added,
            ItemsUpdated = framework.Updated,
            EntriesAdded = counts.Added,
            EntriesChanged = counts.Changed,
            EntriesUnchanged = counts.Unchanged,
            FieldChanges = counts.FieldChanges,
        };
    }

    /// <summary>Every organisation's id by its name (names are unique).</summary>
    private Task<Dictionary<string, int>> OrganisationsAsync(CancellationToken ct) =>
        StoreCommand.RunAsync(
            db,
            "SELECT id, name FROM organisations",
            async command =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var names = new Dictionary<string, int>(StringComparer.Ordinal);
                while (await reader.ReadAsync(ct))
                {
                    names[reader.GetString(1)] = reader.GetInt32(0);
                }

                return names;
            },
            ct
        );

    /// <summary>Rates each listed row's period as the figures stand within the import's transaction, that is, as they
    /// will be once it is applied.</summary>
    private async Task<IReadOnlyList<ImportRowChange>> RateAsync(
        Organisation org,
        Dictionary<int, Item> items,
        IReadOnlyList<ImportRowChange> rows,
        CancellationToken ct
    )
    {
        var ids = rows.Select(r => r.ItemId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return rows;
        }

        var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.ItemId)).ToListAsync(ct);
        var series = entries
            .GroupBy(e => e.ItemId)
            .ToDictionary(g => g.Key, g => new ItemSeries(g.Select(e => e.ToDomain())));
        var scheme = org.ToScheme();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        ImportRowChange Rated(ImportRowChange row, MeasureProfile profile, ItemSeries figures, Period period)
        {
            var evaluation = Evaluator.Evaluate(profile, scheme, figures, period);
            var value = figures.Entries.FirstOrDefault(e => e.Period == period)?.Value;
            return row with
            {
                Rating = evaluation.Rating,
                Warnings = value is { IsNumber: true } number
                    ? Plausibility.Check(profile, period, number.Number, figures.Entries, today)
                    : [],
            };
        }

        return
        [
            .. rows.Select(r =>
                items.TryGetValue(r.ItemId, out var item) && series.TryGetValue(r.ItemId, out var figures)
                    ? Rated(r, item.ToProfile(), figures, r.Period)
                    : r
            ),
        ];
    }
}
