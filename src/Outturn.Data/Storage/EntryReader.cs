using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>
/// Reads the figures that evaluations need with one plain SQL query and a data reader, not through EF's
/// materialiser: a committee's dashboard reads thousands of rows per request, and this is several times faster
/// (docs/benchmarks.md). Only the columns the rating engine uses are read; the same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal static class EntryReader
{
    private const string Columns =
        "item_id, period_kind, period_start, period_end, value_kind, value_number, value_text, missing_reason, status, qualifier, " +
        "target_kind, target_value, numerator, denominator, breakdown, value_note, no_new_data, commentary, corrective_action, " +
        "rag_override, dot_override, override_reason, benchmark_national, benchmark_regional, benchmark_neighbours";

    /// <summary>The entries of each group's items whose period ends from the group's <c>FromEnd</c> to
    /// <paramref name="toEnd"/> (month indexes), with the fields <see cref="DomainMapping.ToDomain"/> reads.</summary>
    public static async Task<List<Entry>> ReadAsync(OutturnDbContext db, IEnumerable<(IReadOnlyCollection<int> ItemIds, int FromEnd)> groups, int toEnd, CancellationToken ct)
    {
        var result = new List<Entry>();
        var conditions = groups.Where(g => g.ItemIds.Count > 0)
            .Select(g => $"(item_id IN ({string.Join(",", g.ItemIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))}) AND period_end >= {g.FromEnd.ToString(CultureInfo.InvariantCulture)})")
            .ToList();
        if (conditions.Count == 0)
        {
            return result;
        }

        // Item ids are integers read from the database, written as literals: no text from outside reaches the SQL.
        await ReadAsync(db, $"SELECT {Columns} FROM entries WHERE ({string.Join(" OR ", conditions)}) AND period_end <= {toEnd.ToString(CultureInfo.InvariantCulture)}",
            reader => result.Add(Fields(reader, 0, new Entry { Period = "", UpdatedBy = "" })), ct);
        return result;
    }

    /// <summary>Every stored entry of these items, keyed by item and then by period text, with its id and every field
    /// an import compares (not who made it or when: an update sets those afresh). One query per 500 items.</summary>
    public static async Task<Dictionary<int, Dictionary<string, Entry>>> ReadForUpdateAsync(OutturnDbContext db, IReadOnlyCollection<int> itemIds, CancellationToken ct)
    {
        var result = itemIds.ToDictionary(id => id, _ => new Dictionary<string, Entry>());
        foreach (var chunk in itemIds.Chunk(500))
        {
            var ids = string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await ReadAsync(db, $"SELECT id, period, {Columns} FROM entries WHERE item_id IN ({ids})", reader =>
            {
                var entry = Fields(reader, 2, new Entry { Id = reader.GetInt64(0), Period = reader.GetString(1), UpdatedBy = "" });
                result[entry.ItemId][entry.Period] = entry;
            }, ct);
        }

        return result;
    }

    private static async Task ReadAsync(OutturnDbContext db, string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reads <see cref="Columns"/>, which start at column <paramref name="at"/>, into <paramref name="e"/>.</summary>
    private static Entry Fields(DbDataReader reader, int at, Entry e)
    {
        e.ItemId = reader.GetInt32(at);
        e.PeriodKind = reader.GetInt32(at + 1);
        e.PeriodStart = reader.GetInt32(at + 2);
        e.PeriodEnd = reader.GetInt32(at + 3);
        e.ValueKind = Int(reader, at + 4);
        e.ValueNumber = Decimal(reader, at + 5);
        e.ValueText = Text(reader, at + 6);
        e.MissingReason = Int(reader, at + 7);
        e.Status = Int(reader, at + 8);
        e.Qualifier = Int(reader, at + 9);
        e.TargetKind = Int(reader, at + 10);
        e.TargetValue = Decimal(reader, at + 11);
        e.Numerator = Decimal(reader, at + 12);
        e.Denominator = Decimal(reader, at + 13);
        e.Breakdown = Text(reader, at + 14);
        e.ValueNote = Text(reader, at + 15);
        e.NoNewData = reader.GetBoolean(at + 16);
        e.Commentary = Text(reader, at + 17);
        e.CorrectiveAction = Text(reader, at + 18);
        e.RagOverride = Int(reader, at + 19);
        e.DotOverride = Int(reader, at + 20);
        e.OverrideReason = Text(reader, at + 21);
        e.BenchmarkNational = Decimal(reader, at + 22);
        e.BenchmarkRegional = Decimal(reader, at + 23);
        e.BenchmarkNeighbours = Decimal(reader, at + 24);
        return e;
    }

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static decimal? Decimal(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
