using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Periods;

namespace Outturn.Data.Comparisons;

/// <summary>
/// On PostgreSQL the figures are written while the files are still being read (decision 0009): each chunk of figures
/// read is copied into the database by a writer beside the reading, inside the import's one transaction, and the
/// transaction is rolled back if any row turns out to be wrong. The reading, the checking and PostgreSQL's own work
/// on the rows then share the processors instead of taking turns.
/// </summary>
public static partial class NationalImporter
{
    /// <summary>A chunk of figures read, with the metrics, areas, periods and notes first numbered since the chunk
    /// before (the writer keeps their numbers as the reading does); and the array the figures are in when the
    /// reading has let go of it, to be given back once they are written.</summary>
    private sealed record FigureBatch(
        ReadOnlyMemory<KeptFigure> Figures,
        KeptFigure[]? Chunk,
        ParsedMetric[] Metrics,
        AreaCode[] Areas,
        Period[] Periods,
        string[] Notes
    );

    private static async Task<NationalImportResult> ImportStreamingAsync(
        OutturnDbContext db,
        NpgsqlConnection connection,
        IReadOnlyList<string> paths,
        NationalImportOptions options,
        CancellationToken ct
    )
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var parsed = new Parsed();

            // Into an empty table no metric has figures stored, and none need looking for; and the table's key is
            // built once the figures are in, not kept up row by row.
            var key = await EmptyTableKeyAsync(db, connection, ct);
            var empty = key is not null;

            using var writer = new FigureWriter(connection, empty, parsed.Figures.GiveBack, ct);
            parsed.HandTo(writer.Take);
            var reading = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        var found = Read(paths, options, parsed);
                        writer.Take(parsed.HandRest());
                        return found;
                    }
                    finally
                    {
                        writer.Finish();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default
            );

            // The writer is done with the connection before anything else uses it, whatever the reading met.
            var failed = await writer.CompletedAsync();
            var errors = await reading;
            if (errors.Count > 0)
            {
                // A repeated figure can also have stopped the writer (the table's key refuses it): the files' errors
                // say which rows, and the transaction, rolled back, leaves nothing written.
                throw new ImportRejectedException(errors);
            }

            if (failed is not null)
            {
                ExceptionDispatchInfo.Throw(failed);
            }

            if (key is not null)
            {
                await using var build = new NpgsqlCommand($"ALTER TABLE national_values ADD {key}", connection);
                build.CommandTimeout = 0;
                await build.ExecuteNonQueryAsync(ct);
            }

            await UpsertAsync(db, parsed, ct);
            if (writer.Replacing)
            {
                await using var replace = new NpgsqlCommand(
                    "DELETE FROM national_values v USING national_incoming i WHERE v.metric_id = i.metric_id "
                        + "AND v.period_end = i.period_end AND v.period = i.period AND v.area_code = i.area_code; "
                        + $"INSERT INTO national_values ({FigureWriter.ColumnList}) "
                        + $"SELECT {FigureWriter.ColumnList} FROM national_incoming",
                    connection
                );
                await replace.ExecuteNonQueryAsync(ct);
            }

            await StaleAsync(db, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return parsed.Result();
        });
    }

    /// <summary>
    /// When <c>national_values</c> is empty: locks it against every other use until the import's transaction ends,
    /// drops its key, and returns the key's definition to add back once the figures are in (building the index once
    /// costs PostgreSQL about half of keeping it up for each of millions of rows). Null when the table has figures,
    /// which keep their key and are readable throughout.
    /// </summary>
    /// <remarks>Readers of national data wait for a first import into an empty table to end, rather than reading
    /// an empty table: there is nothing else for them to read. A repeated figure is refused by the reading's own
    /// check before the key is added back.</remarks>
    private static async Task<string?> EmptyTableKeyAsync(
        OutturnDbContext db,
        NpgsqlConnection connection,
        CancellationToken ct
    )
    {
        async Task<object?> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync(ct);
        }

        const string Empty = "SELECT NOT EXISTS (SELECT 1 FROM national_values)";
        if (!(bool)(await RunAsync(Empty))!)
        {
            return null;
        }

        await RunAsync("LOCK TABLE national_values IN ACCESS EXCLUSIVE MODE");
        // Another import may have written figures between the first look and the lock.
        if (!(bool)(await RunAsync(Empty))!)
        {
            return null;
        }

        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table("national_values");
        var primary = db.Model.FindEntityType(typeof(Entities.NationalValue))!.FindPrimaryKey()!;
        var name = primary.GetName()!;
        await RunAsync($"ALTER TABLE national_values DROP CONSTRAINT {name}");
        var columns = string.Join(", ", primary.Properties.Select(p => p.GetColumnName(table)));
        return $"CONSTRAINT {name} PRIMARY KEY ({columns})";
    }

    /// <summary>
    /// Copies chunks of figures into <c>national_values</c> on a thread of its own, as the reading hands them over: a
    /// metric first met is looked up by its key, and added (with its key as its title until the end of the import
    /// says more) when it is new. The figures of a metric with figures already stored go into a temporary table
    /// instead, to replace the stored ones once the whole import is read; the rest go straight into the table.
    /// </summary>
    private sealed class FigureWriter : IDisposable
    {
        private static readonly string[] Columns = NationalValueStore.Columns;

        public static readonly string ColumnList = string.Join(", ", Columns);

        private readonly NpgsqlConnection _connection;
        private readonly Action<KeptFigure[]> _written;

        /// <summary>The table had no figures when the import began: no metric has any stored.</summary>
        private readonly bool _empty;
        private readonly BlockingCollection<FigureBatch> _batches = new(4);
        private readonly CancellationTokenSource _stopped = new();
        private readonly Task _writing;

        // By the reading's numbers.
        private readonly List<(int Id, bool Stored)> _metrics = [];
        private readonly List<string> _areas = [];
        private readonly List<(string Text, Period Period)> _periods = [];
        private readonly List<string> _notes = [];

        /// <param name="written">Given each chunk the reading let go of, once its figures are written (or will not
        /// be).</param>
        public FigureWriter(NpgsqlConnection connection, bool empty, Action<KeptFigure[]> written, CancellationToken ct)
        {
            _connection = connection;
            _written = written;
            _empty = empty;
            // A thread of its own, writing synchronously: asynchronous writes would wake pool threads that spin while
            // they wait for more, on processors the reading and PostgreSQL need.
            _writing = Task.Factory.StartNew(
                () => WriteAll(ct),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default
            );
        }

        /// <summary>Whether any figures went to the temporary table, to replace stored ones.</summary>
        public bool Replacing { get; private set; }

        /// <summary>Hands a chunk to the writer, waiting while it is four chunks behind; does nothing once it has
        /// stopped (what stopped it is <see cref="CompletedAsync"/>'s).</summary>
        public void Take(FigureBatch batch)
        {
            try
            {
                _batches.Add(batch, _stopped.Token);
            }
            catch (OperationCanceledException)
            {
                // The writer has stopped: what stopped it is reported when it is awaited, after the reading has
                // listed the files' own errors.
                GiveBack(batch);
            }
        }

        /// <summary>No more chunks will come.</summary>
        public void Finish() => _batches.CompleteAdding();

        /// <summary>Waits for the writer; what stopped it, if anything did.</summary>
        public async Task<Exception?> CompletedAsync()
        {
            try
            {
                await _writing;
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        /// <summary>Once the writer and the reading are both done.</summary>
        public void Dispose()
        {
            _batches.Dispose();
            _stopped.Dispose();
        }

        private void WriteAll(CancellationToken ct)
        {
            try
            {
                foreach (var batch in _batches.GetConsumingEnumerable(ct))
                {
                    Write(batch, ct);
                    GiveBack(batch);
                }
            }
            catch
            {
                _stopped.Cancel();
                throw;
            }
        }

        private void GiveBack(FigureBatch batch)
        {
            if (batch.Chunk is { } chunk)
            {
                _written(chunk);
            }
        }

        private void Write(FigureBatch batch, CancellationToken ct)
        {
            if (batch.Metrics.Length > 0)
            {
                Metrics(batch.Metrics);
            }

            _areas.AddRange(batch.Areas.Select(a => a.ToString()));
            _periods.AddRange(batch.Periods.Select(p => (p.ToString(), p)));
            _notes.AddRange(batch.Notes);
            var figures = batch.Figures;
            var anyStored = false;
            var anyNew = false;
            foreach (var figure in figures.Span)
            {
                (anyStored, anyNew) = _metrics[figure.Metric].Stored ? (true, anyNew) : (anyStored, true);
            }

            if (anyNew)
            {
                Copy("national_values", figures, stored: false, ct);
            }

            if (anyStored)
            {
                if (!Replacing)
                {
                    Replacing = true;
                    using var create = new NpgsqlCommand(
                        "CREATE TEMPORARY TABLE national_incoming ON COMMIT DROP AS SELECT "
                            + ColumnList
                            + " FROM national_values WITH NO DATA",
                        _connection
                    );
                    create.ExecuteNonQuery();
                }

                Copy("national_incoming", figures, stored: true, ct);
            }
        }

        /// <summary>Finds each metric's id by its key, adding the metrics not stored yet, and whether it has
        /// figures stored.</summary>
        private void Metrics(ParsedMetric[] metrics)
        {
            var found = new Dictionary<string, (int Id, bool Stored)>(StringComparer.Ordinal);
            using (
                var select = new NpgsqlCommand(
                    "SELECT m.id, m.key_upper, "
                        + (_empty ? "false" : "EXISTS (SELECT 1 FROM national_values v WHERE v.metric_id = m.id)")
                        + " FROM metrics m WHERE m.key_upper = ANY($1)",
                    _connection
                )
            )
            {
                select.Parameters.Add(new NpgsqlParameter { Value = metrics.Select(m => m.Upper).ToArray() });
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    found[reader.GetString(1)] = (reader.GetInt32(0), reader.GetBoolean(2));
                }
            }

            var added = metrics.Where(m => !found.ContainsKey(m.Upper)).ToArray();
            if (added.Length > 0)
            {
                using var insert = new NpgsqlCommand(
                    "INSERT INTO metrics (key, key_upper, title, polarity) "
                        + "SELECT k, u, k, 'none' FROM unnest($1, $2) AS t (k, u) RETURNING id, key_upper",
                    _connection
                );
                insert.Parameters.Add(
                    new NpgsqlParameter
                    {
                        Value = added.Select(m => m.Key).ToArray(),
                        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar,
                    }
                );
                insert.Parameters.Add(
                    new NpgsqlParameter
                    {
                        Value = added.Select(m => m.Upper).ToArray(),
                        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar,
                    }
                );
                using var reader = insert.ExecuteReader();
                while (reader.Read())
                {
                    found[reader.GetString(1)] = (reader.GetInt32(0), false);
                }
            }

            _metrics.AddRange(metrics.Select(m => found[m.Upper]));
        }

        /// <summary>Copies the chunk's figures of stored metrics, or of the others, into <paramref name="table"/> in
        /// PostgreSQL's binary format, written synchronously (the copy's own buffering is all it needs).</summary>
        private void Copy(string table, ReadOnlyMemory<KeptFigure> figures, bool stored, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            using var raw = _connection.BeginRawBinaryCopy($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)");
            try
            {
                var copy = new PgBinaryCopy(raw);
                foreach (var figure in figures.Span)
                {
                    var (id, isStored) = _metrics[figure.Metric];
                    if (isStored != stored)
                    {
                        continue;
                    }

                    var (text, period) = _periods[figure.Period];
                    copy.StartRow((short)Columns.Length);
                    copy.Int(id);
                    copy.Text(_areas[figure.Area]);
                    copy.Text(text);
                    copy.Int((int)period.Kind);
                    copy.Int(period.StartMonth);
                    copy.Int(period.EndMonth);
                    copy.Double(figure.Value);
                    copy.Double(figure.Count);
                    copy.Double(figure.Denominator);
                    copy.Double(figure.Lower95);
                    copy.Double(figure.Upper95);
                    copy.Double(figure.Lower998);
                    copy.Double(figure.Upper998);
                    copy.Text(figure.Note is { } note ? _notes[note] : null);
                }

                copy.Complete();
            }
            catch
            {
                // Nothing half-written is taken: the server is told the copy failed.
                raw.Cancel();
                throw;
            }
        }
    }
}
