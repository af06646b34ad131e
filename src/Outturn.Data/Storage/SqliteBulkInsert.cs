using System.Globalization;
using System.Linq.Expressions;
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
    /// <summary>Rows per statement: 32 rows of up to 64 columns stays far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 32;

    /// <summary>The columns, in <see cref="EntryColumns.All"/>'s order; a column's position is its bit in a column
    /// set.</summary>
    private static readonly IReadOnlyList<EntryColumn> Columns = EntryColumns.All;

    /// <summary>The columns every row fills (the rest may be null, and are left out of the statements until a row fills
    /// them).</summary>
    private static readonly ulong Always = Columns
        .Select((c, i) => c.Nullable ? 0ul : 1ul << i)
        .Aggregate(0ul, (a, b) => a | b);

    /// <summary>The set of columns a row fills: compiled from the column list into one function, so that each row costs
    /// what a hand-written check of every column would.</summary>
    private static readonly Func<Entry, ulong> Needed = CompileNeeded();

    /// <summary>Binders already compiled, by column set (an import meets a few).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<
        ulong,
        Func<SqliteBulkInsert, BoundStatement, Entry, int, int>
    > Binders = new();

    private readonly sqlite3 _db;
    private readonly List<Entry> _pending = new(RowsPerStatement);
    private ulong _set;
    private Func<SqliteBulkInsert, BoundStatement, Entry, int, int> _bind = (_, _, _, i) => i;
    private BoundStatement? _many;
    private BoundStatement? _one;
    private string? _lastTimestampText;
    private DateTime _lastTimestamp;

    public SqliteBulkInsert(SqliteConnection connection)
    {
        if (Columns.Count > 64)
        {
            throw new InvalidOperationException("A column set is 64 bits: more entry columns need a wider set.");
        }

        _db = connection.Handle!;
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

    private static bool In(ulong set, int column) => (set & (1ul << column)) != 0;

    private static Func<Entry, ulong> CompileNeeded()
    {
        var entry = Expression.Parameter(typeof(Entry), "e");
        Expression set = Expression.Constant(Always);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Nullable)
            {
                var value = Expression.Property(entry, Columns[i].Property);
                set = Expression.Or(
                    set,
                    Expression.Condition(
                        Expression.Equal(value, Expression.Constant(null, value.Type)),
                        Expression.Constant(0ul),
                        Expression.Constant(1ul << i)
                    )
                );
            }
        }

        return Expression.Lambda<Func<Entry, ulong>>(set, entry).Compile();
    }

    /// <summary>Compiles the binding of one row's values of the columns in <paramref name="set"/>, in order, from
    /// parameter <c>i</c> on; it returns the parameter after the row's last.</summary>
    private static Func<SqliteBulkInsert, BoundStatement, Entry, int, int> CompileBinder(ulong set)
    {
        var self = Expression.Parameter(typeof(SqliteBulkInsert), "self");
        var statement = Expression.Parameter(typeof(BoundStatement), "s");
        var entry = Expression.Parameter(typeof(Entry), "e");
        var i = Expression.Parameter(typeof(int), "i");
        var body = new List<Expression>();
        var k = 0;
        for (var c = 0; c < Columns.Count; c++)
        {
            if (!In(set, c))
            {
                continue;
            }

            var column = Columns[c];
            Expression value = Expression.Property(entry, column.Property);
            var at = Expression.Add(i, Expression.Constant(k++));
            body.Add(
                column.Type switch
                {
                    ColumnType.Int => Expression.Call(
                        statement,
                        nameof(BoundStatement.Int),
                        null,
                        at,
                        Expression.Convert(value, typeof(int?))
                    ),
                    ColumnType.Bool => Expression.Call(
                        statement,
                        nameof(BoundStatement.Int),
                        null,
                        at,
                        Expression.Convert(
                            Expression.Condition(value, Expression.Constant(1), Expression.Constant(0)),
                            typeof(int?)
                        )
                    ),
                    ColumnType.Decimal => Expression.Call(
                        statement,
                        nameof(BoundStatement.Number),
                        null,
                        at,
                        Expression.Convert(value, typeof(decimal?))
                    ),
                    ColumnType.Text => Expression.Call(statement, nameof(BoundStatement.Text), null, at, value),
                    _ => Expression.Call(
                        statement,
                        nameof(BoundStatement.Text),
                        null,
                        at,
                        Expression.Call(self, nameof(Timestamp), null, value)
                    ),
                }
            );
        }

        body.Add(Expression.Add(i, Expression.Constant(k)));
        return Expression
            .Lambda<Func<SqliteBulkInsert, BoundStatement, Entry, int, int>>(
                Expression.Block(body),
                self,
                statement,
                entry,
                i
            )
            .Compile();
    }

    /// <summary>Prepares the statements for the columns in <paramref name="set"/>; the others are left to their
    /// default, null.</summary>
    private void Prepare(ulong set)
    {
        _many?.Dispose();
        _one?.Dispose();
        _set = set;
        _bind = Binders.GetOrAdd(set, CompileBinder);
        var columns = Columns.Where((_, c) => In(set, c)).Select(c => c.Name).ToArray();
        _many = new BoundStatement(_db, Sql(columns, RowsPerStatement), RowsPerStatement * columns.Length);
        _one = new BoundStatement(_db, Sql(columns, 1), columns.Length);
    }

    private static string Sql(string[] columns, int rows)
    {
        var row = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        return $"INSERT INTO entries ({string.Join(", ", columns)}) VALUES "
            + $"{string.Join(", ", Enumerable.Repeat(row, rows))}";
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

    /// <summary>Binds the pending entries' values of the statements' columns, in order.</summary>
    private void Flush(BoundStatement s)
    {
        var i = 1;
        foreach (var e in _pending)
        {
            i = _bind(this, s, e, i);
        }

        s.Execute();
        _pending.Clear();
    }

    /// <summary>The text form Microsoft.Data.Sqlite (and so EF Core) writes and reads for a DateTime.</summary>
    internal string Timestamp(DateTime value)
    {
        if (_lastTimestampText is null || value != _lastTimestamp)
        {
            _lastTimestamp = value;
            _lastTimestampText = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        }

        return _lastTimestampText;
    }

    /// <summary>Writes <paramref name="value"/> as its exact invariant text, as <see cref="ExactDecimalText"/>
    /// does.</summary>
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
    internal sealed class BoundStatement : IDisposable
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
            Bound(
                value is { } v
                    ? SqliteNative.sqlite3_bind_int(_handle, i, v)
                    : SqliteNative.sqlite3_bind_null(_handle, i)
            );
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
            if (
                _bound[i]
                && (last is null ? value is null : value is { } v0 && v0 == last.Value && v0.Scale == last.Value.Scale)
            )
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
