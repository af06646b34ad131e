using System.Globalization;
using Microsoft.Data.Sqlite;
using Outturn.Data.Entities;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// Inserts entries into SQLite through its C API: prepared statements of many rows each, values bound by type and
/// bound again only when they change, inside the connection's open transaction. ADO.NET's per-row parameter
/// handling, and one statement per row, each cost several times the insert itself at a million rows.
/// </summary>
internal sealed class SqliteBulkInsert : IEntryInserter
{
    /// <summary>Rows per statement: 32 × 27 parameters stays far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 32;

    private readonly sqlite3 _db;
    private readonly BoundStatement _many;
    private readonly BoundStatement _one;
    private readonly List<Entry> _pending = new(RowsPerStatement);
    private readonly int _columns;
    private string? _lastTimestampText;
    private DateTime _lastTimestamp;

    public SqliteBulkInsert(SqliteConnection connection, string[] columns)
    {
        _db = connection.Handle!;
        _columns = columns.Length;
        raw.sqlite3_exec(_db, "PRAGMA cache_size=-65536");
        _many = new BoundStatement(_db, Sql(columns, RowsPerStatement), RowsPerStatement * columns.Length);
        _one = new BoundStatement(_db, Sql(columns, 1), columns.Length);
    }

    private static string Sql(string[] columns, int rows)
    {
        var row = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        return $"INSERT INTO entries ({string.Join(", ", columns)}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
    }

    public void Add(IEnumerable<Entry> entries)
    {
        foreach (var e in entries)
        {
            _pending.Add(e);
            if (_pending.Count == RowsPerStatement)
            {
                Flush(_many);
            }
        }
    }

    public Task CompleteAsync(CancellationToken ct)
    {
        foreach (var e in _pending.ToList())
        {
            _pending.Clear();
            _pending.Add(e);
            Flush(_one);
        }

        _pending.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _many.Dispose();
        _one.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Binds the pending entries in the order of EntryWriter's entry columns.</summary>
    private void Flush(BoundStatement s)
    {
        for (var r = 0; r < _pending.Count; r++)
        {
            var e = _pending[r];
            var i = (r * _columns) + 1;
            s.Int(i++, e.ItemId);
            s.Text(i++, e.Period);
            s.Int(i++, e.PeriodKind);
            s.Int(i++, e.PeriodStart);
            s.Int(i++, e.PeriodEnd);
            s.Int(i++, e.ValueKind);
            s.Number(i++, e.ValueNumber);
            s.Text(i++, e.ValueText);
            s.Int(i++, e.MissingReason);
            s.Int(i++, e.Status);
            s.Int(i++, e.Qualifier);
            s.Int(i++, e.TargetKind);
            s.Number(i++, e.TargetValue);
            s.Number(i++, e.Numerator);
            s.Number(i++, e.Denominator);
            s.Text(i++, e.Breakdown);
            s.Text(i++, e.ValueNote);
            s.Int(i++, e.NoNewData ? 1 : 0);
            s.Text(i++, e.Commentary);
            s.Text(i++, e.CorrectiveAction);
            s.Int(i++, e.RagOverride);
            s.Int(i++, e.DotOverride);
            s.Text(i++, e.OverrideReason);
            s.Number(i++, e.BenchmarkNational);
            s.Number(i++, e.BenchmarkRegional);
            s.Number(i++, e.BenchmarkNeighbours);
            s.Text(i++, e.UpdatedBy);
            s.Text(i++, Timestamp(e.UpdatedAt));
            s.Text(i++, e.CreatedBy);
            s.Text(i, Timestamp(e.CreatedAt));
        }

        s.Execute();
        _pending.Clear();
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

    /// <summary>Writes <paramref name="value"/> as <c>ToString("0.0###…")</c> would (at least one decimal, no trailing
    /// zeros), which is how Microsoft.Data.Sqlite writes a decimal: from the plain form, since a custom format
    /// string is several times slower to apply.</summary>
    internal static int FormatDecimal(decimal value, Span<byte> text)
    {
        if (value == 0m)
        {
            "0.0"u8.CopyTo(text);
            return 3;
        }

        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        if (text[..written].IndexOf((byte)'.') < 0)
        {
            ".0"u8.CopyTo(text[written..]);
            return written + 2;
        }

        while (text[written - 1] == (byte)'0' && text[written - 2] != (byte)'.')
        {
            written--;
        }

        return written;
    }

    /// <summary>
    /// A prepared statement that remembers what each parameter was last bound to. SQLite keeps bindings across
    /// resets, so a parameter is bound again only when its value changes: most columns of most rows are empty
    /// or repeat, and each bind is a native call.
    /// </summary>
    private sealed class BoundStatement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly int?[] _ints;
        private readonly string?[] _texts;
        private readonly decimal?[] _numbers;
        private readonly bool[] _bound;
        private byte[] _utf8 = new byte[1024];

        public BoundStatement(sqlite3 db, string sql, int parameters)
        {
            _db = db;
            Check(db, raw.sqlite3_prepare_v2(db, sql, out _statement));
            _ints = new int?[parameters + 1];
            _texts = new string?[parameters + 1];
            _numbers = new decimal?[parameters + 1];
            _bound = new bool[parameters + 1];
        }

        public void Execute()
        {
            var rc = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(_db, rc);
            }
        }

        public void Int(int i, int? value)
        {
            if (_bound[i] && _ints[i] == value)
            {
                return;
            }

            (_bound[i], _ints[i]) = (true, value);
            _ = value is { } v ? raw.sqlite3_bind_int(_statement, i, v) : raw.sqlite3_bind_null(_statement, i);
        }

        public void Text(int i, string? value)
        {
            if (_bound[i] && string.Equals(_texts[i], value, StringComparison.Ordinal))
            {
                return;
            }

            (_bound[i], _texts[i]) = (true, value);
            if (value is null)
            {
                raw.sqlite3_bind_null(_statement, i);
                return;
            }

            // Encoded to UTF-8 (the database's encoding) into a reused buffer; SQLite copies it.
            var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_utf8.Length < length)
            {
                _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            }

            var written = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
            raw.sqlite3_bind_text(_statement, i, _utf8.AsSpan(0, written));
        }

        /// <summary>Decimals are stored as text in the exact form Microsoft.Data.Sqlite and EF Core write them
        /// ("10.0", "83.5"), so that EF's queries comparing decimals match rows written here. Compared with the
        /// last binding by scale as well as value, since 75 and 75.0 are written differently.</summary>
        public void Number(int i, decimal? value)
        {
            var last = _numbers[i];
            if (_bound[i] && (last is null ? value is null : value is { } v0 && v0 == last.Value && v0.Scale == last.Value.Scale))
            {
                return;
            }

            (_bound[i], _numbers[i]) = (true, value);
            if (value is not { } v)
            {
                raw.sqlite3_bind_null(_statement, i);
                return;
            }

            Span<byte> text = stackalloc byte[64];
            raw.sqlite3_bind_text(_statement, i, text[..FormatDecimal(v, text)]);
        }

        public void Dispose() => _statement.Dispose();
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
