using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Outturn.Data.Storage;

/// <summary>
/// One import into an organisation at a time: a second, started while the first is writing (another person's upload,
/// the API, the `outturn` command, on any instance), waits until the first has committed or rolled back, and then
/// sees what it wrote — never two imports' rows interleaved, never a new measure created twice.
/// On PostgreSQL a transaction-scoped advisory lock keyed by the organisation's name; on SQLite the import's
/// transaction takes the database's write lock as it begins (Microsoft.Data.Sqlite begins transactions IMMEDIATE),
/// and a second writer waits for it up to the connection's busy timeout.
/// </summary>
public static class ImportLock
{
    /// <summary>Takes the lock inside the context's current transaction; it is released when that ends.</summary>
    public static async Task TakeAsync(OutturnDbContext db, string organisation, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not Npgsql.NpgsqlConnection connection)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        command.CommandTimeout = 0;
        var key = command.CreateParameter();
        (key.ParameterName, key.Value) = ("@key", Key(organisation));
        command.Parameters.Add(key);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A 64-bit key for the organisation's imports, the same in every process.</summary>
    public static long Key(string organisation) =>
        BitConverter.ToInt64(
            SHA256.HashData(Encoding.UTF8.GetBytes("outturn import " + Entities.Item.KeyOf(organisation))),
            0
        );
}
