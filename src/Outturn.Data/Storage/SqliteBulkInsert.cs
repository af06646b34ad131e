using System.Globalization;
using Microsoft.Data.Sqlite;
using Outturn.Data.Entities;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// Inserts entries into SQLite through its C API (one prepared statement, values bound by type, reset between
/// rows), the same way the sqlite3 shell's .import does. ADO.NET's per-row parameter handling costs several
/// times the insert itself at a million rows. Runs inside the connection's open transaction.
/// </summary>
internal sealed class SqliteBulkInsert : IEntryInserter
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private string? _lastTimestampText;
    private DateTime _lastTimestamp;

    public SqliteBulkInsert(SqliteConnection connection, string[] columns)
    {
        _db = connection.Handle!;
        var sql = $"INSERT INTO entries ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
        Check(_db, raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }

    public void Add(IEnumerable<Entry> entries)
    {
        var statement = _statement;
        foreach (var e in entries)
        {
            var i = 1;
            Int(statement, i++, e.ItemId);
            Text(statement, i++, e.Period);
            Int(statement, i++, e.PeriodKind);
            Int(statement, i++, e.PeriodStart);
            Int(statement, i++, e.PeriodEnd);
            Int(statement, i++, e.ValueKind);
            Number(statement, i++, e.ValueNumber);
            Text(statement, i++, e.ValueText);
            Int(statement, i++, e.MissingReason);
            Int(statement, i++, e.Status);
            Int(statement, i++, e.Qualifier);
            Int(statement, i++, e.TargetKind);
            Number(statement, i++, e.TargetValue);
            Number(statement, i++, e.Numerator);
            Number(statement, i++, e.Denominator);
            Text(statement, i++, e.Breakdown);
            Text(statement, i++, e.ValueNote);
            Int(statement, i++, e.NoNewData ? 1 : 0);
            Text(statement, i++, e.Commentary);
            Text(statement, i++, e.CorrectiveAction);
            Int(statement, i++, e.RagOverride);
            Int(statement, i++, e.DotOverride);
            Text(statement, i++, e.OverrideReason);
            Text(statement, i++, e.UpdatedBy);
            Text(statement, i++, Timestamp(e.UpdatedAt));
            Text(statement, i++, e.CreatedBy);
            Text(statement, i, Timestamp(e.CreatedAt));
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(_db, rc);
            }
        }
    }

    /// <summary>The text form Microsoft.Data.Sqlite (and so EF Core) writes and reads for a DateTime.</summary>
    private string Timestamp(DateTime value)
    {
        if (_lastTimestampText is null || value != _lastTimestamp)
        {
            _lastTimestamp = value;
            _lastTimestampText = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        }

        return _lastTimestampText;
    }

    private static void Int(sqlite3_stmt s, int i, int? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int(s, i, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, i);
        }
    }

    private static void Text(sqlite3_stmt s, int i, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(s, i);
        }
        else
        {
            raw.sqlite3_bind_text(s, i, value);
        }
    }

    /// <summary>Decimals are stored as text in the exact form Microsoft.Data.Sqlite and EF Core write them
    /// ("10.0", "83.5"), so that EF's queries comparing decimals match rows written here.</summary>
    private static void Number(sqlite3_stmt s, int i, decimal? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_text(s, i, v.ToString("0.0###########################", CultureInfo.InvariantCulture));
        }
        else
        {
            raw.sqlite3_bind_null(s, i);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
