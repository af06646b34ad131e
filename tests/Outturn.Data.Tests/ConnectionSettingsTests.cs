using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Outturn.Data.Tests;

/// <summary>SQLite's sync mode and foreign keys belong to each connection: every connection a context opens gets
/// them.</summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public async Task Every_SQLite_connection_syncs_normally_under_the_log_and_checks_foreign_keys()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using (await test.OpenAsync()) { }

        // Two contexts open at once: two connections, neither of them the one that opened the database.
        await using var first = test.Target.CreateContext();
        await using var second = test.Target.CreateContext();
        await first.Database.OpenConnectionAsync();
        await second.Database.OpenConnectionAsync();

        foreach (var db in new[] { first, second })
        {
            var connection = db.Database.GetDbConnection();
            Assert.Equal(
                ("wal", 1L, 1L),
                (
                    await Pragma<string>(connection, "journal_mode"),
                    await Pragma<long>(connection, "synchronous"),
                    await Pragma<long>(connection, "foreign_keys")
                )
            );
        }
    }

    private static async Task<T> Pragma<T>(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
