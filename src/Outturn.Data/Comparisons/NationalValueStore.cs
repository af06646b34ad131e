using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Outturn.Data.Storage;

namespace Outturn.Data.Comparisons;

/// <summary>One national figure ready to store.</summary>
internal readonly record struct NationalRow(
    int MetricId,
    string AreaCode,
    string Period,
    int PeriodKind,
    int PeriodStart,
    int PeriodEnd,
    double? Value,
    double? Count,
    double? Denominator,
    double? Lower95,
    double? Upper95,
    double? Lower998,
    double? Upper998,
    string? Note
);

/// <summary>Writes national figures on SQLite inside the import's transaction, each replacing the stored figure for
/// its metric, period and area: a prepared DELETE and INSERT per figure. (On PostgreSQL the figures are copied as they
/// are read: <c>NationalImporter.Streaming.cs</c>.)</summary>
internal static class NationalValueStore
{
    /// <summary>The table's columns, in the order rows are written (here, and by the COPY on PostgreSQL).</summary>
    public static readonly string[] Columns =
    [
        "metric_id",
        "area_code",
        "period",
        "period_kind",
        "period_start",
        "period_end",
        "value",
        "count",
        "denominator",
        "lower95",
        "upper95",
        "lower998",
        "upper998",
        "note",
    ];

    /// <summary>The columns that say which figure a row is: metric, area, period and its last month.</summary>
    private static readonly int[] KeyColumns = [0, 1, 2, 5];

    public static Task WriteAsync(
        OutturnDbContext db,
        IDbContextTransaction tx,
        IEnumerable<NationalRow> rows,
        CancellationToken ct
    ) => InsertAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), rows, ct);

    private static async Task InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        IEnumerable<NationalRow> rows,
        CancellationToken ct
    )
    {
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText =
            "DELETE FROM national_values WHERE metric_id = $p0 AND period_end = $p5 AND period = $p2 "
            + "AND area_code = $p1";
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            $"INSERT INTO national_values ({string.Join(", ", Columns)}) VALUES "
            + $"({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var inserts = Columns.Select((_, i) => Parameter(insert, $"$p{i}")).ToArray();
        var deletes = KeyColumns.ToDictionary(i => i, i => Parameter(delete, $"$p{i}"));
        foreach (var r in rows)
        {
            object?[] values =
            [
                r.MetricId,
                r.AreaCode,
                r.Period,
                r.PeriodKind,
                r.PeriodStart,
                r.PeriodEnd,
                r.Value,
                r.Count,
                r.Denominator,
                r.Lower95,
                r.Upper95,
                r.Lower998,
                r.Upper998,
                r.Note,
            ];
            foreach (var (i, p) in deletes)
            {
                p.Value = values[i];
            }

            await delete.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < values.Length; i++)
            {
                inserts[i].Value = values[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
