using System.Net;
using Npgsql;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>A real streaming standby (pg_basebackup -R, a port of its own) as the read database: visitors' reads go
/// to it, everything else to the primary. Shown by pausing the standby's replay: a visitor then does not see what an
/// officer has just published, while the officer sees it at once; replay resumed, the visitor sees it too; the
/// standby stopped, visitors are served by the primary.</summary>
public class ReadReplicaTests
{
    [Fact]
    public async Task Visitors_read_the_standby_and_people_signed_in_read_their_own_writes()
    {
        await using var primary = await PostgresCluster.StartAsync();
        await using var standby = await primary.StartStandbyAsync();
        await using var database = TestDatabase.Existing(DatabaseTarget.Parse(primary.ConnectionString));
        var read = new NpgsqlConnectionStringBuilder(primary.ConnectionString)
        {
            Host = $"127.0.0.1:{standby.Port},127.0.0.1:{primary.Port}",
            TargetSessionAttributes = "prefer-standby",
            ApplicationName = "outturn-visitors",
        }.ToString();
        using var factory = new OutturnFactory(database)
        {
            Settings = new Dictionary<string, string> { ["Outturn:ReadDatabase"] = read },
        };
        var visitor = factory.Browser();
        var admin = factory.Browser();
        var signIn = await OutturnFactory.SignInAsync(admin, "admin", OutturnFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The demo, published as the app loaded it, reaches the standby; visitors read it there.
        const string december = "/committees/Cabinet?period=2017-12";
        await EventuallyAsync(async () =>
            (await visitor.GetAsync("/committees/Cabinet?period=2018-03")).StatusCode == HttpStatusCode.OK
        );
        Assert.True(await VisitorConnectionsAsync(standby) > 0, "no visitor's read reached the standby");
        Assert.Equal(0, await VisitorConnectionsAsync(primary));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(december)).StatusCode);

        // With the standby's replay paused, the officer publishes December and reads it back at once.
        await ExecuteAsync(standby, "SELECT pg_wal_replay_pause()");
        var page = await admin.GetStringAsync(december);
        var publish = await admin.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2017-12",
                    ["confirmed"] = "true",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("Published", await admin.GetStringAsync(december), StringComparison.Ordinal);
        // The visitor reads the standby, which has not replayed it yet.
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(december)).StatusCode);

        await ExecuteAsync(standby, "SELECT pg_wal_replay_resume()");
        await EventuallyAsync(async () => (await visitor.GetAsync(december)).StatusCode == HttpStatusCode.OK);

        // The standby stopped: the connection string's next host, the primary, serves visitors.
        await standby.StopAsync();
        await EventuallyAsync(async () => (await visitor.GetAsync("/measures/HO01")).StatusCode == HttpStatusCode.OK);
        Assert.True(await VisitorConnectionsAsync(primary) > 0, "no visitor's read reached the primary");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("not so within 30 s");
    }

    /// <summary>The read database's connections open on <paramref name="cluster"/> (named by their application
    /// name).</summary>
    private static async Task<long> VisitorConnectionsAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'outturn-visitors'",
            connection
        );
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(PostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
