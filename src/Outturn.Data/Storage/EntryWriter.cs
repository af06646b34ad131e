using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>
/// Writes entries and their change history in bulk, without EF change tracking: prepared statements on
/// SQLite, binary COPY on PostgreSQL, with the columns of <see cref="EntryColumns"/>. Runs inside the caller's
/// transaction.
/// </summary>
internal sealed class EntryWriter(OutturnDbContext db)
{
    private static readonly string[] ChangeColumns =
    [
        "entry_id",
        "field",
        "old_value",
        "new_value",
        "changed_by",
        "changed_at",
        "source",
        "reason",
    ];

    private static object?[] ChangeValues(EntryChange c) =>
        [c.EntryId, c.Field, c.OldValue, c.NewValue, c.ChangedBy, c.ChangedAt, c.Source, c.Reason];

    private DbConnection Connection => db.Database.GetDbConnection();
    private DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>Starts a bulk insert of entries: written as added, by prepared statements on SQLite and by a binary
    /// COPY per batch on PostgreSQL.</summary>
    public IEntryInserter BeginInsert() =>
        Connection is NpgsqlConnection pg
            ? new CopyInserter(pg)
            : new SqliteBulkInsert((Microsoft.Data.Sqlite.SqliteConnection)Connection);

    /// <summary>
    /// Sends each batch of entries in a binary COPY of its own, as it comes: the connection cannot be used for anything
    /// else while a COPY is open, and the next batch may need to read stored entries first; nor are an import's entries
    /// held until its end. Written synchronously: Npgsql buffers the rows and only writes to the server when its buffer
    /// fills, so an awaited call per value cost far more than the value.
    /// </summary>
    private sealed class CopyInserter(NpgsqlConnection connection) : IEntryInserter
    {
        private static readonly string[] Columns = [.. EntryColumns.Names];

        public void Add(IEnumerable<Entry> entries) =>
            Copy(connection, "entries", Columns, entries, EntryColumns.Values);

        public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Sends <paramref name="rows"/> in one binary COPY (none when there are no rows).</summary>
    private static void Copy<T>(
        NpgsqlConnection connection,
        string table,
        string[] columns,
        IEnumerable<T> rows,
        Func<T, object?[]> values
    )
    {
        NpgsqlBinaryImporter? importer = null;
        try
        {
            foreach (var row in rows)
            {
                importer ??= connection.BeginBinaryImport(
                    $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"
                );
                importer.StartRow();
                foreach (var value in values(row))
                {
                    Write(importer, value);
                }
            }

            importer?.Complete();
        }
        finally
        {
            importer?.Dispose();
        }
    }

    private static void Write(NpgsqlBinaryImporter importer, object? value)
    {
        switch (value)
        {
            case null:
                importer.WriteNull();
                break;
            case int i:
                importer.Write(i, NpgsqlDbType.Integer);
                break;
            case long l:
                importer.Write(l, NpgsqlDbType.Bigint);
                break;
            case decimal d:
                importer.Write(d, NpgsqlDbType.Numeric);
                break;
            case bool b:
                importer.Write(b, NpgsqlDbType.Boolean);
                break;
            case DateTime t:
                importer.Write(t, NpgsqlDbType.TimestampTz);
                break;
            case string s:
                importer.Write(s, NpgsqlDbType.Text);
                break;
            default:
                throw new InvalidOperationException($"No COPY mapping for {value.GetType()}.");
        }
    }

    public Task InsertChangesAsync(IReadOnlyCollection<EntryChange> changes, CancellationToken ct)
    {
        if (Connection is NpgsqlConnection pg)
        {
            Copy(pg, "entry_changes", ChangeColumns, changes, ChangeValues);
        }
        else
        {
            InsertPrepared("entry_changes", ChangeColumns, changes, ChangeValues, ct);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rewrites the stored fields of entries that already exist (matched by id).</summary>
    public async Task UpdateAsync(IReadOnlyCollection<Entry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var columns = EntryColumns.Updated;
        if (Connection is NpgsqlConnection pg)
        {
            await UpdateByCopyAsync(pg, entries, columns, ct);
            return;
        }

        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText =
            $"UPDATE entries SET {string.Join(", ", columns.Select((c, i) => $"{c.Name} = @p{i}"))} WHERE id = @id";
        var parameters = columns.Select((_, i) => AddParameter(command, $"@p{i}")).ToArray();
        var id = AddParameter(command, "@id");
        await command.PrepareAsync(ct);

        foreach (var entry in entries)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Bindable(columns[i].Get(entry));
            }

            id.Value = entry.Id;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL: the new fields go by binary COPY into a temporary table shaped like entries, and one
    /// <c>UPDATE … FROM</c> rewrites the stored rows; a statement per row cost a round trip each (a re-import of
    /// 20,000 changed figures took twice as long as their first import).</summary>
    private async Task UpdateByCopyAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<Entry> entries,
        IReadOnlyList<EntryColumn> columns,
        CancellationToken ct
    )
    {
        const string table = "entry_updates";
        var names = columns.Select(c => c.Name).ToArray();
        // One left by an update that failed outside a transaction would be in the way.
        await ExecuteAsync($"DROP TABLE IF EXISTS pg_temp.{table}", ct);
        await ExecuteAsync(
            $"CREATE TEMPORARY TABLE {table} AS SELECT id, {string.Join(", ", names)} FROM entries WITH NO DATA",
            ct
        );
        Copy(connection, table, ["id", .. names], entries, e => [e.Id, .. columns.Select(c => c.Get(e))]);
        await ExecuteAsync(
            $"UPDATE entries SET {string.Join(", ", names.Select(n => $"{n} = u.{n}"))} "
                + $"FROM {table} u WHERE entries.id = u.id",
            ct
        );
        await ExecuteAsync($"DROP TABLE {table}", ct);
    }

    private Task ExecuteAsync(string sql, CancellationToken ct) =>
        StoreCommand.RunAsync(db, sql, Task (command) => command.ExecuteNonQueryAsync(ct), ct);

    /// <summary>Inserts rows one prepared statement execution each. Synchronous on purpose: Microsoft.Data.Sqlite has
    /// no real async I/O, and the async wrapper costs a task per row.</summary>
    private void InsertPrepared<T>(
        string table,
        string[] columns,
        IReadOnlyCollection<T> rows,
        Func<T, object?[]> values,
        CancellationToken ct
    )
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES "
            + $"({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) => AddParameter(command, $"@p{i}")).ToArray();
        command.Prepare();
        var done = 0;
        foreach (var row in rows)
        {
            var v = values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Bindable(v[i]);
            }

            command.ExecuteNonQuery();
            if (++done % 50_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>A value as a parameter takes it. On SQLite a decimal goes as its exact text, as EF writes it
    /// (<see cref="ExactDecimalText"/>): Microsoft.Data.Sqlite would write 83 as "83.0".</summary>
    private object Bindable(object? value) =>
        value switch
        {
            null => DBNull.Value,
            decimal d when Connection is not NpgsqlConnection => d.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            _ => value,
        };

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
