using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// A large import into SQLite runs under the rollback journal instead of the write-ahead log, when no one else has the
/// database open, and the log is switched back on afterwards.
/// </summary>
/// <remarks>
/// <para>Under the write-ahead log every page an import writes is written twice: into the log (with a checksum per
/// page), and again into the database when the log is checkpointed at commit. Under the rollback journal, pages
/// added beyond the end of the file are written once and need no journal, since undoing them is cutting the file
/// back; only the pages that were already there are copied to the journal before they change. For a million values
/// this takes the import from about 4.4 s to 2.6 s (docs/benchmarks.md).</para>
/// <para>Nothing is given up: the transaction is as atomic and durable as before (a crash leaves a hot journal
/// that the next opening rolls back), and readers who open the database meanwhile wait for the commit.
/// Leaving the write-ahead log needs every other connection to be closed; when one is open (the web app, say), the
/// switch fails at once, without waiting, and the import runs under the log as usual.</para>
/// </remarks>
internal sealed class SqliteRollbackJournal : IAsyncDisposable
{
    private readonly OutturnDbContext _db;
    private readonly sqlite3 _handle;

    private SqliteRollbackJournal(OutturnDbContext db, sqlite3 handle) => (_db, _handle) = (db, handle);

    /// <summary>Switches <paramref name="db"/>'s SQLite database to the rollback journal, or returns null when it is
    /// not SQLite, or not in WAL mode, or someone else has it open.</summary>
    public static async Task<SqliteRollbackJournal?> TryBeginAsync(OutturnDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(ct);
        var handle = connection.Handle!;
        // Through the C API rather than a command: Microsoft.Data.Sqlite retries a busy database for the command
        // timeout (30 s), and a database someone else has open should not hold the import up at all.
        if (JournalMode(handle) == "wal" && JournalMode(handle, "delete") == "delete")
        {
            return new SqliteRollbackJournal(db, handle);
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            JournalMode(_handle, "wal");
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reads, or sets and reads back, the journal mode; null when SQLite refuses (the database is busy).</summary>
    internal static string? JournalMode(sqlite3 handle, string? set = null)
    {
        var rc = raw.sqlite3_prepare_v2(handle, set is null ? "PRAGMA journal_mode" : $"PRAGMA journal_mode={set}", out var statement);
        if (rc != raw.SQLITE_OK)
        {
            return null;
        }

        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
        }
    }
}
