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

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // Item ids are integers read from the database, written as literals: no text from outside reaches the SQL.
            command.CommandText = $"SELECT {Columns} FROM entries WHERE ({string.Join(" OR ", conditions)}) AND period_end <= {toEnd.ToString(CultureInfo.InvariantCulture)}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result.Add(new Entry
                {
                    Period = "",
                    UpdatedBy = "",
                    ItemId = reader.GetInt32(0),
                    PeriodKind = reader.GetInt32(1),
                    PeriodStart = reader.GetInt32(2),
                    PeriodEnd = reader.GetInt32(3),
                    ValueKind = Int(reader, 4),
                    ValueNumber = Decimal(reader, 5),
                    ValueText = Text(reader, 6),
                    MissingReason = Int(reader, 7),
                    Status = Int(reader, 8),
                    Qualifier = Int(reader, 9),
                    TargetKind = Int(reader, 10),
                    TargetValue = Decimal(reader, 11),
                    Numerator = Decimal(reader, 12),
                    Denominator = Decimal(reader, 13),
                    Breakdown = Text(reader, 14),
                    ValueNote = Text(reader, 15),
                    NoNewData = reader.GetBoolean(16),
                    Commentary = Text(reader, 17),
                    CorrectiveAction = Text(reader, 18),
                    RagOverride = Int(reader, 19),
                    DotOverride = Int(reader, 20),
                    OverrideReason = Text(reader, 21),
                    BenchmarkNational = Decimal(reader, 22),
                    BenchmarkRegional = Decimal(reader, 23),
                    BenchmarkNeighbours = Decimal(reader, 24),
                });
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return result;
    }

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static decimal? Decimal(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
