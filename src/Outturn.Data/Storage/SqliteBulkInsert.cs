using System.Globalization;
using System.Runtime.InteropServices;
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
    /// <summary>Rows per statement: 32 × 31 parameters stays far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 32;

    /// <summary>EntryWriter's entry columns, in its order; a column's number is its bit in a column set.</summary>
    private enum Column
    {
        ItemId, Period, PeriodKind, PeriodStart, PeriodEnd, ValueKind, ValueNumber, ValueText, MissingReason, Status,
        Qualifier, TargetKind, TargetValue, TargetText, Numerator, Denominator, Breakdown, ValueNote, NoNewData, Commentary,
        CorrectiveAction, RagOverride, DotOverride, OverrideReason, BenchmarkNational, BenchmarkRegional,
        BenchmarkNeighbours, UpdatedBy, UpdatedAt, CreatedBy, CreatedAt,
    }

    /// <summary>The columns every row fills (the rest may be null, and are left out of the statements until a row fills them).</summary>
    private const uint Always =
        (1u << (int)Column.ItemId) | (1u << (int)Column.Period) | (1u << (int)Column.PeriodKind) | (1u << (int)Column.PeriodStart) |
        (1u << (int)Column.PeriodEnd) | (1u << (int)Column.NoNewData) | (1u << (int)Column.UpdatedBy) | (1u << (int)Column.UpdatedAt) |
        (1u << (int)Column.CreatedBy) | (1u << (int)Column.CreatedAt);

    private readonly sqlite3 _db;
    private readonly string[] _columns;
    private readonly List<Entry> _pending = new(RowsPerStatement);
    private uint _set;
    private BoundStatement? _many;
    private BoundStatement? _one;
    private string? _lastTimestampText;
    private DateTime _lastTimestamp;

    public SqliteBulkInsert(SqliteConnection connection, string[] columns)
    {
        // Each column's name in snake case, as the enum spells it in Pascal case: the binding order below follows the enum.
        var expected = Enum.GetNames<Column>().Select(n => string.Concat(n.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString())));
        if (!columns.SequenceEqual(expected))
        {
            throw new ArgumentException($"Expected the entry columns {string.Join(", ", expected)}, in that order.", nameof(columns));
        }

        _db = connection.Handle!;
        _columns = columns;
        raw.sqlite3_exec(_db, "PRAGMA cache_size=-65536");
    }

    public void Add(IEnumerable<Entry> entries)
    {
        foreach (var e in entries)
        {
            // A file's rows mostly leave the same columns empty (no commentary, no benchmarks): those columns are not
            // in the statements, so neither this code nor SQLite handles them row by row. A row filling a column
            // that is not in them yet widens them, once, for the rest of the import.
            var needed = Needed(e);
            if ((needed & ~_set) != 0)
            {
                FlushOneByOne();
                Prepare(_set | needed);
            }

            _pending.Add(e);
            if (_pending.Count == RowsPerStatement)
            {
                Flush(_many!);
            }
        }
    }

    public Task CompleteAsync(CancellationToken ct)
    {
        FlushOneByOne();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _many?.Dispose();
        _one?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool In(uint set, Column column) => (set & (1u << (int)column)) != 0;

    private static uint Needed(Entry e)
    {
        var set = Always;
        set |= e.ValueKind is null ? 0 : 1u << (int)Column.ValueKind;
        set |= e.ValueNumber is null ? 0 : 1u << (int)Column.ValueNumber;
        set |= e.ValueText is null ? 0 : 1u << (int)Column.ValueText;
        set |= e.MissingReason is null ? 0 : 1u << (int)Column.MissingReason;
        set |= e.Status is null ? 0 : 1u << (int)Column.Status;
        set |= e.Qualifier is null ? 0 : 1u << (int)Column.Qualifier;
        set |= e.TargetKind is null ? 0 : 1u << (int)Column.TargetKind;
        set |= e.TargetValue is null ? 0 : 1u << (int)Column.TargetValue;
        set |= e.TargetText is null ? 0 : 1u << (int)Column.TargetText;
        set |= e.Numerator is null ? 0 : 1u << (int)Column.Numerator;
        set |= e.Denominator is null ? 0 : 1u << (int)Column.Denominator;
        set |= e.Breakdown is null ? 0 : 1u << (int)Column.Breakdown;
        set |= e.ValueNote is null ? 0 : 1u << (int)Column.ValueNote;
        set |= e.Commentary is null ? 0 : 1u << (int)Column.Commentary;
        set |= e.CorrectiveAction is null ? 0 : 1u << (int)Column.CorrectiveAction;
        set |= e.RagOverride is null ? 0 : 1u << (int)Column.RagOverride;
        set |= e.DotOverride is null ? 0 : 1u << (int)Column.DotOverride;
        set |= e.OverrideReason is null ? 0 : 1u << (int)Column.OverrideReason;
        set |= e.BenchmarkNational is null ? 0 : 1u << (int)Column.BenchmarkNational;
        set |= e.BenchmarkRegional is null ? 0 : 1u << (int)Column.BenchmarkRegional;
        set |= e.BenchmarkNeighbours is null ? 0 : 1u << (int)Column.BenchmarkNeighbours;
        return set;
    }

    /// <summary>Prepares the statements for the columns in <paramref name="set"/>; the others are left to their default, null.</summary>
    private void Prepare(uint set)
    {
        _many?.Dispose();
        _one?.Dispose();
        _set = set;
        var columns = _columns.Where((_, c) => In(set, (Column)c)).ToArray();
        _many = new BoundStatement(_db, Sql(columns, RowsPerStatement), RowsPerStatement * columns.Length);
        _one = new BoundStatement(_db, Sql(columns, 1), columns.Length);
    }

    private static string Sql(string[] columns, int rows)
    {
        var row = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        return $"INSERT INTO entries ({string.Join(", ", columns)}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
    }

    /// <summary>Writes the pending rows (fewer than a statement's worth) one statement each.</summary>
    private void FlushOneByOne()
    {
        foreach (var e in _pending.ToList())
        {
            _pending.Clear();
            _pending.Add(e);
            Flush(_one!);
        }

        _pending.Clear();
    }

    /// <summary>Binds the pending entries' values of the statements' columns, in EntryWriter's order.</summary>
    private void Flush(BoundStatement s)
    {
        var set = _set;
        var i = 1;
        foreach (var e in _pending)
        {
            s.Int(i++, e.ItemId);
            s.Text(i++, e.Period);
            s.Int(i++, e.PeriodKind);
            s.Int(i++, e.PeriodStart);
            s.Int(i++, e.PeriodEnd);
            if (In(set, Column.ValueKind)) { s.Int(i++, e.ValueKind); }
            if (In(set, Column.ValueNumber)) { s.Number(i++, e.ValueNumber); }
            if (In(set, Column.ValueText)) { s.Text(i++, e.ValueText); }
            if (In(set, Column.MissingReason)) { s.Int(i++, e.MissingReason); }
            if (In(set, Column.Status)) { s.Int(i++, e.Status); }
            if (In(set, Column.Qualifier)) { s.Int(i++, e.Qualifier); }
            if (In(set, Column.TargetKind)) { s.Int(i++, e.TargetKind); }
            if (In(set, Column.TargetValue)) { s.Number(i++, e.TargetValue); }
            if (In(set, Column.TargetText)) { s.Text(i++, e.TargetText); }
            if (In(set, Column.Numerator)) { s.Number(i++, e.Numerator); }
            if (In(set, Column.Denominator)) { s.Number(i++, e.Denominator); }
            if (In(set, Column.Breakdown)) { s.Text(i++, e.Breakdown); }
            if (In(set, Column.ValueNote)) { s.Text(i++, e.ValueNote); }
            s.Int(i++, e.NoNewData ? 1 : 0);
            if (In(set, Column.Commentary)) { s.Text(i++, e.Commentary); }
            if (In(set, Column.CorrectiveAction)) { s.Text(i++, e.CorrectiveAction); }
            if (In(set, Column.RagOverride)) { s.Int(i++, e.RagOverride); }
            if (In(set, Column.DotOverride)) { s.Int(i++, e.DotOverride); }
            if (In(set, Column.OverrideReason)) { s.Text(i++, e.OverrideReason); }
            if (In(set, Column.BenchmarkNational)) { s.Number(i++, e.BenchmarkNational); }
            if (In(set, Column.BenchmarkRegional)) { s.Number(i++, e.BenchmarkRegional); }
            if (In(set, Column.BenchmarkNeighbours)) { s.Number(i++, e.BenchmarkNeighbours); }
            s.Text(i++, e.UpdatedBy);
            s.Text(i++, Timestamp(e.UpdatedAt));
            s.Text(i++, e.CreatedBy);
            s.Text(i++, Timestamp(e.CreatedAt));
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

    /// <summary>Writes <paramref name="value"/> as its exact invariant text, as <see cref="ExactDecimalText"/> does.</summary>
    internal static int FormatDecimal(decimal value, Span<byte> text)
    {
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
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
        private readonly IntPtr _handle;
        private readonly int?[] _ints;
        private readonly string?[] _texts;
        private readonly decimal?[] _numbers;
        private readonly bool[] _bound;
        private byte[] _utf8 = new byte[1024];

        public BoundStatement(sqlite3 db, string sql, int parameters)
        {
            _db = db;
            SqliteNative.Check(db, raw.sqlite3_prepare_v2(db, sql, out _statement));
            _handle = _statement.DangerousGetHandle();
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
                SqliteNative.Check(_db, rc);
            }
        }

        public void Int(int i, int? value)
        {
            if (_bound[i] && _ints[i] == value)
            {
                return;
            }

            (_bound[i], _ints[i]) = (true, value);
            Bound(value is { } v ? SqliteNative.sqlite3_bind_int(_handle, i, v) : SqliteNative.sqlite3_bind_null(_handle, i));
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
                Bound(SqliteNative.sqlite3_bind_null(_handle, i));
                return;
            }

            // Encoded to UTF-8 (the database's encoding) into a reused buffer; SQLite copies it.
            var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_utf8.Length < length)
            {
                _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            }

            var written = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
            BindText(i, _utf8.AsSpan(0, written));
        }

        /// <summary>Decimals are stored as their exact text, as EF writes them here (<see cref="ExactDecimalText"/>):
        /// "75" and "75.0" differ, so the last binding is compared by scale as well as value.</summary>
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
                Bound(SqliteNative.sqlite3_bind_null(_handle, i));
                return;
            }

            Span<byte> text = stackalloc byte[64];
            BindText(i, text[..FormatDecimal(v, text)]);
        }

        /// <summary>Binds UTF-8 text, which SQLite copies (<c>SQLITE_TRANSIENT</c>).</summary>
        private unsafe void BindText(int i, ReadOnlySpan<byte> utf8)
        {
            fixed (byte* text = utf8)
            {
                Bound(SqliteNative.sqlite3_bind_text(_handle, i, text, utf8.Length, SqliteNative.Transient));
            }
        }

        private void Bound(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteNative.Check(_db, rc);
            }
        }

        public void Dispose() => _statement.Dispose();
    }
}
