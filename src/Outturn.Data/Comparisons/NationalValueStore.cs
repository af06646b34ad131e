using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
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

/// <summary>Writes national figures in bulk inside the import's transaction, each replacing the stored figure for
/// its metric, period and area (decision 0009): on PostgreSQL one binary COPY — straight into the table when none of
/// the file's metrics has a stored figure, else into a temporary table that then replaces the matching rows with one
/// DELETE and one INSERT; on SQLite a prepared DELETE and INSERT per figure.</summary>
internal static class NationalValueStore
{
    private static readonly string[] Columns =
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

    public static async Task WriteAsync(
        OutturnDbContext db,
        IDbContextTransaction tx,
        IEnumerable<NationalRow> rows,
        IReadOnlyCollection<int> metrics,
        CancellationToken ct
    )
    {
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, rows, metrics, ct);
        }
        else
        {
            await InsertAsync(connection, transaction, rows, ct);
        }
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection,
        IEnumerable<NationalRow> rows,
        IReadOnlyCollection<int> metrics,
        CancellationToken ct
    )
    {
        bool stored;
        await using (
            var probe = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM national_values WHERE metric_id = ANY($1))",
                connection
            )
        )
        {
            probe.Parameters.Add(new NpgsqlParameter { Value = metrics.ToArray() });
            stored = (bool)(await probe.ExecuteScalarAsync(ct))!;
        }

        var target = "national_values";
        if (stored)
        {
            target = "national_incoming";
            await using var create = new NpgsqlCommand(
                "CREATE TEMPORARY TABLE national_incoming ON COMMIT DROP AS SELECT "
                    + string.Join(", ", Columns)
                    + " FROM national_values WITH NO DATA",
                connection
            );
            await create.ExecuteNonQueryAsync(ct);
        }

        // Written synchronously: Npgsql's binary importer buffers rows, and its asynchronous calls cost several times
        // more per field than the writes themselves.
        using (
            var importer = connection.BeginBinaryImport(
                $"COPY {target} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"
            )
        )
        {
            foreach (var r in rows)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                importer.Write(r.MetricId, NpgsqlDbType.Integer);
                importer.Write(r.AreaCode, NpgsqlDbType.Varchar);
                importer.Write(r.Period, NpgsqlDbType.Varchar);
                importer.Write(r.PeriodKind, NpgsqlDbType.Integer);
                importer.Write(r.PeriodStart, NpgsqlDbType.Integer);
                importer.Write(r.PeriodEnd, NpgsqlDbType.Integer);
                Write(importer, r.Value);
                Write(importer, r.Count);
                Write(importer, r.Denominator);
                Write(importer, r.Lower95);
                Write(importer, r.Upper95);
                Write(importer, r.Lower998);
                Write(importer, r.Upper998);
                if (r.Note is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(r.Note, NpgsqlDbType.Varchar);
                }
            }

            importer.Complete();
        }

        if (stored)
        {
            var columns = string.Join(", ", Columns);
            await using var replace = new NpgsqlCommand(
                "DELETE FROM national_values v USING national_incoming i WHERE v.metric_id = i.metric_id "
                    + "AND v.period_end = i.period_end AND v.period = i.period AND v.area_code = i.area_code; "
                    + $"INSERT INTO national_values ({columns}) SELECT {columns} FROM national_incoming",
                connection
            );
            await replace.ExecuteNonQueryAsync(ct);
        }
    }

    private static void Write(NpgsqlBinaryImporter importer, double? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            importer.WriteNull();
        }
    }

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
