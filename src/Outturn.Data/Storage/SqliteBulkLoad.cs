using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// A large import into SQLite, when no one else has the database open, runs under the rollback journal instead of the
/// write-ahead log and without SQLite re-checking its foreign keys row by row; both are set back afterwards.
/// </summary>
/// <remarks>
/// <para>Under the write-ahead log every page an import writes is written twice: into the log (with a checksum per
/// page), and again into the database when the log is checkpointed at commit. Under the rollback journal, pages
/// added beyond the end of the file are written once and need no journal, since undoing them is cutting the file
/// back; only the pages that were already there are copied to the journal before they change. For a million values
/// this takes the import from about 4.4 s to 2.6 s (docs/benchmarks.md).</para>
/// <para>SQLite checks an entry's foreign key by looking its item up as the entry is inserted: about a third of
/// SQLite's work on a million entries. The import needs no such check: every item id it writes is one it read from
/// the organisation's items inside its own transaction, which no one else can change until it commits; and it deletes
/// nothing that anything refers to (only an item's committee links, which nothing references). The checks are set back
/// as they were when the import ends, and the tests run SQLite's own <c>foreign_key_check</c> after bulk
/// imports.</para>
/// <para>Nothing is given up: the transaction is as atomic and durable as before (a crash leaves a hot journal
/// that the next opening rolls back; the connection syncs in full meanwhile, as the rollback journal needs where the
/// log is safe with less), and readers who open the database meanwhile wait for the commit.
/// Leaving the write-ahead log needs every other connection to be closed; when one is open (the web app, say), the
/// switch fails at once, without waiting, and the import runs under the log, with its foreign keys checked, as
/// usual.</para>
/// </remarks>
internal sealed class SqliteBulkLoad : IAsyncDisposable
{
    private readonly OutturnDbContext _db;
    private readonly sqlite3 _handle;
    private readonly string _foreignKeys;
    private readonly string _synchronous;

    private SqliteBulkLoad(OutturnDbContext db, sqlite3 handle, string foreignKeys, string synchronous) =>
        (_db, _handle, _foreignKeys, _synchronous) = (db, handle, foreignKeys, synchronous);

    /// <summary>Switches <paramref name="db"/>'s SQLite database to the rollback journal and its connection's foreign
    /// key checks off, or returns null (changing nothing) when it is not SQLite, or not in WAL mode, or someone else
    /// has it open. Call before the import's transaction begins: SQLite changes neither inside one.</summary>
    public static async Task<SqliteBulkLoad?> TryBeginAsync(OutturnDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(ct);
        var handle = connection.Handle!;
        // Through the C API rather than a command: Microsoft.Data.Sqlite retries a busy database for the command
        // timeout (30 s), and a database someone else has open should not hold the import up at all.
        if (Pragma(handle, "journal_mode") == "wal" && Pragma(handle, "journal_mode", "delete") == "delete")
        {
            var (foreignKeys, synchronous) = (
                Pragma(handle, "foreign_keys") ?? "1",
                Pragma(handle, "synchronous") ?? "1"
            );
            Pragma(handle, "foreign_keys", "0");
            // NORMAL, right for the log, leaves the rollback journal a small chance of a corrupt file after a power cut
            // at the wrong moment (on older file systems); FULL does not.
            Pragma(handle, "synchronous", "2");
            return new SqliteBulkLoad(db, handle, foreignKeys, synchronous);
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Pragma(_handle, "foreign_keys", _foreignKeys);
            Pragma(_handle, "synchronous", _synchronous);
            Pragma(_handle, "journal_mode", "wal");
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reads, or sets and reads back, a pragma; null when SQLite refuses (the database is busy) or, as setting
    /// <c>foreign_keys</c> does, answers nothing.</summary>
    internal static string? Pragma(sqlite3 handle, string name, string? set = null)
    {
        var rc = raw.sqlite3_prepare_v2(
            handle,
            set is null ? $"PRAGMA {name}" : $"PRAGMA {name}={set}",
            out var statement
        );
        if (rc != raw.SQLITE_OK)
        {
            return null;
        }

        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW
                ? raw.sqlite3_column_text(statement, 0).utf8_to_string()
                : null;
        }
    }
}
