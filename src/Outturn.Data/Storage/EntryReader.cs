using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Outturn.Data.Entities;
using SQLitePCL;

namespace Outturn.Data.Storage;

/// <summary>
/// Reads the figures that evaluations and imports need with one plain SQL query, not through EF's materialiser: a
/// committee's dashboard reads thousands of rows per request, a re-import a million, and this is several times faster
/// (docs/benchmarks.md). The same SQL runs on both databases: through ADO.NET's data reader on PostgreSQL, and straight
/// from SQLite's statement on SQLite. Only the columns the rating engine and the import use are read.
/// </summary>
internal static class EntryReader
{
    /// <summary>The columns read (<see cref="EntryColumns.Read"/>), in order.</summary>
    private static readonly string Columns = string.Join(", ", EntryColumns.Read.Select(c => c.Name));

    /// <summary>The entries of each group's items whose period ends from the group's <c>FromEnd</c> to
    /// <paramref name="toEnd"/> (month indexes), with the fields <see cref="DomainMapping.ToDomain"/> reads.</summary>
    public static async Task<List<Entry>> ReadAsync(
        OutturnDbContext db,
        IEnumerable<(IReadOnlyCollection<int> ItemIds, int FromEnd)> groups,
        int toEnd,
        CancellationToken ct
    )
    {
        var result = new List<Entry>();
        var conditions = groups
            .Where(g => g.ItemIds.Count > 0)
            .Select(g =>
                $"(item_id IN ({string.Join(",", g.ItemIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))}) "
                + $"AND period_end >= {g.FromEnd.ToString(CultureInfo.InvariantCulture)})"
            )
            .ToList();
        if (conditions.Count == 0)
        {
            return result;
        }

        // Item ids are integers read from the database, written as literals: no text from outside reaches the SQL.
        await ReadAsync(
            db,
            $"SELECT {Columns} FROM entries WHERE ({string.Join(" OR ", conditions)}) AND period_end <= "
                + $"{toEnd.ToString(CultureInfo.InvariantCulture)}",
            reader => result.Add(Fields(reader, 0, new Entry { Period = "", UpdatedBy = "" })),
            viaDataReader: false,
            ct
        );
        return result;
    }

    /// <summary>Every stored entry of these items, keyed by item and then by period text, with its id and every field
    /// an import compares (not who made it or when: an update sets those afresh). One query per 500 items.</summary>
    /// <param name="viaDataReader">Read through ADO.NET's data reader even on SQLite (for tests comparing the
    /// two).</param>
    public static async Task<Dictionary<int, Dictionary<string, Entry>>> ReadForUpdateAsync(
        OutturnDbContext db,
        IReadOnlyCollection<int> itemIds,
        CancellationToken ct,
        bool viaDataReader = false
    )
    {
        var result = itemIds.ToDictionary(id => id, _ => new Dictionary<string, Entry>());
        foreach (var chunk in itemIds.Chunk(500))
        {
            var ids = string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await ReadAsync(
                db,
                $"SELECT id, period, {Columns} FROM entries WHERE item_id IN ({ids})",
                reader =>
                {
                    var entry = Fields(
                        reader,
                        2,
                        new Entry
                        {
                            Id = reader.Int64(0),
                            Period = reader.Text(1),
                            UpdatedBy = "",
                        }
                    );
                    result[entry.ItemId][entry.Period] = entry;
                },
                viaDataReader,
                ct
            );
        }

        return result;
    }

    private static async Task ReadAsync(
        OutturnDbContext db,
        string sql,
        Action<IColumns> row,
        bool viaDataReader,
        CancellationToken ct
    )
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite && !viaDataReader)
            {
                // Inside the connection's transaction, if one is open: SQLite's transactions belong to the connection.
                SqliteColumns.Read(sqlite, sql, row, ct);
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            var columns = new ReaderColumns(reader);
            while (await reader.ReadAsync(ct))
            {
                row(columns);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reads <see cref="Columns"/>, which start at column <paramref name="at"/>, into <paramref
    /// name="e"/>.</summary>
    private static Entry Fields(IColumns reader, int at, Entry e)
    {
        ReadFields(reader, at, e);
        return e;
    }

    /// <summary>Sets each read column's property from the row: compiled once from the column list, so that a row costs
    /// what a hand-written read of every column would (a re-import reads a million).</summary>
    private static readonly Action<IColumns, int, Entry> ReadFields = CompileReader();

    private static Action<IColumns, int, Entry> CompileReader()
    {
        var reader = Expression.Parameter(typeof(IColumns), "reader");
        var at = Expression.Parameter(typeof(int), "at");
        var entry = Expression.Parameter(typeof(Entry), "e");
        var body = EntryColumns.Read.Select(
            (column, k) =>
            {
                var i = Expression.Add(at, Expression.Constant(k));
                var read = Expression.Call(
                    reader,
                    column.Type switch
                    {
                        ColumnType.Int => nameof(IColumns.Int32),
                        ColumnType.Decimal => nameof(IColumns.Decimal),
                        ColumnType.Text => nameof(IColumns.Text),
                        ColumnType.Bool => nameof(IColumns.Boolean),
                        _ => throw new InvalidOperationException($"The bulk reader does not read {column.Name}."),
                    },
                    null,
                    i
                );
                var property = Expression.Property(entry, column.Property);
                Expression value = column.Nullable
                    ? Expression.Condition(
                        Expression.Call(reader, nameof(IColumns.IsNull), null, i),
                        Expression.Constant(null, property.Type),
                        Expression.Convert(read, property.Type)
                    )
                    : read;
                return (Expression)Expression.Assign(property, value);
            }
        );
        return Expression.Lambda<Action<IColumns, int, Entry>>(Expression.Block(body), reader, at, entry).Compile();
    }

    /// <summary>The current row's columns, by position.</summary>
    internal interface IColumns
    {
        bool IsNull(int i);

        int Int32(int i);

        long Int64(int i);

        bool Boolean(int i);

        decimal Decimal(int i);

        string Text(int i);
    }

    private sealed class ReaderColumns(DbDataReader reader) : IColumns
    {
        public bool IsNull(int i) => reader.IsDBNull(i);

        public int Int32(int i) => reader.GetInt32(i);

        public long Int64(int i) => reader.GetInt64(i);

        public bool Boolean(int i) => reader.GetBoolean(i);

        public decimal Decimal(int i) => reader.GetDecimal(i);

        public string Text(int i) => reader.GetString(i);
    }

    /// <summary>
    /// Rows read straight from a SQLite statement. Microsoft.Data.Sqlite's data reader makes several calls into SQLite
    /// per column, each taking and releasing the statement's safe handle: for the million stored entries a re-import
    /// compares, most of the time. Values are read as Microsoft.Data.Sqlite reads them: integers as 64-bit integers,
    /// decimals parsed from their text (how EF Core stores them), text as UTF-8.
    /// </summary>
    private sealed unsafe class SqliteColumns : IColumns
    {
        private readonly IntPtr _statement;

        private SqliteColumns(IntPtr statement) => _statement = statement;

        public static void Read(SqliteConnection connection, string sql, Action<IColumns> row, CancellationToken ct)
        {
            var db = connection.Handle!;
            SqliteNative.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
            using (statement)
            {
                var columns = new SqliteColumns(statement.DangerousGetHandle());
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    row(columns);
                }

                if (rc != raw.SQLITE_DONE)
                {
                    SqliteNative.Check(db, rc);
                }

                ct.ThrowIfCancellationRequested();
            }
        }

        public bool IsNull(int i) => SqliteNative.sqlite3_column_type(_statement, i) == SqliteNative.Null;

        public int Int32(int i) => checked((int)Int64(i));

        public long Int64(int i) => SqliteNative.sqlite3_column_int64(_statement, i);

        public bool Boolean(int i) => Int64(i) != 0;

        public decimal Decimal(int i) =>
            decimal.Parse(Utf8(i), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

        public string Text(int i) => Encoding.UTF8.GetString(Utf8(i));

        private ReadOnlySpan<byte> Utf8(int i)
        {
            var text = SqliteNative.sqlite3_column_text(_statement, i);
            return new ReadOnlySpan<byte>(text, SqliteNative.sqlite3_column_bytes(_statement, i));
        }
    }
}
