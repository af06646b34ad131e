using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// A 100-measure committee dashboard served by the web app from a database holding 10,000,000 values (10,000
/// measures × 1,000 months), beside a static file of the same size served by the same server, in the same run: as a
/// visitor reads it (kept), as a browser that holds it checks it (304), and built afresh just after a change; then
/// the throughput of each at 8 requests at a time. On SQLite, and on PostgreSQL too when OUTTURN_BENCH_POSTGRES names
/// a server (bench/dashboard.sh), with the same data.
/// </summary>
internal static class DashboardBenchmark
{
    private const int Concurrency = 8;

    private sealed record Result(
        string Database,
        int PageBytes,
        int Rows,
        double Static,
        double Cached,
        double Revalidated,
        double Fresh,
        double CachedRatio,
        double FreshRatio,
        Throughput StaticLoad,
        Throughput CachedLoad
    );

    private sealed record Throughput(double PerSecond, double P50, double P99);

    public static async Task<int> RunAsync(int requests, int measures, int months, int seconds, string? postgres)
    {
        var results = new List<Result> { await MeasureAsync(null, requests, measures, months, seconds) };
        if (postgres is not null)
        {
            results.Add(await MeasureAsync(postgres, requests, measures, months, seconds));
        }

        Console.WriteLine(
            "| database | page | static file, same size, same server (baseline) | dashboard as read (kept) | ratio "
                + "(rounds' own) | checked by a browser that has it (304) | built afresh after a change | ratio "
                + "(rounds' own) |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {r.Database} | {r.PageBytes / 1024:N0} KB, {r.Rows} table rows | {r.Static:F2} ms | "
                        + $"{r.Cached:F2} ms | {r.Cached / r.Static:F1}× ({r.CachedRatio:F1}×) | {r.Revalidated:F2} ms "
                        + $"| {r.Fresh:F1} ms | {r.Fresh / r.Static:F1}× ({r.FreshRatio:F1}×) |"
                )
            );
        }

        Console.WriteLine(
            $"median of {requests} rounds, each requesting the three interleaved, after 5 warm-up rounds; times "
                + $"measured by the client on loopback; database of {measures * (long)months:N0} values"
        );
        Console.WriteLine();
        Console.WriteLine(
            $"| database | {Concurrency} at a time for {seconds} s | static file: requests/s | p50 | p99 | dashboard "
                + "as read: requests/s | p50 | p99 |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {r.Database} | | {r.StaticLoad.PerSecond:N0} | {r.StaticLoad.P50:F1} ms | "
                        + $"{r.StaticLoad.P99:F1} ms | {r.CachedLoad.PerSecond:N0} | {r.CachedLoad.P50:F1} ms | "
                        + $"{r.CachedLoad.P99:F1} ms |"
                )
            );
        }

        if (results.Count == 2)
        {
            var (sqlite, pg) = (results[0], results[1]);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"PostgreSQL against SQLite: as read {pg.Cached / sqlite.Cached:F2}×, built afresh "
                        + $"{pg.Fresh / sqlite.Fresh:F2}×"
                )
            );
        }

        return 0;
    }

    private static async Task<Result> MeasureAsync(
        string? postgres,
        int requests,
        int measures,
        int months,
        int seconds
    )
    {
        var root = WebServer.FindRoot();
        var dir = Directory.CreateTempSubdirectory("outturn-bench-").FullName;
        var staticFile = Path.Combine(root, "src", "Outturn.Web", "wwwroot", "bench-static.html");
        var name = postgres is null ? "SQLite" : "PostgreSQL";
        WebServer? server = null;
        try
        {
            // OUTTURN_BENCH_KEEP=FILE keeps the loaded SQLite database there (and loads it only when the file is
            // absent), for profiling the web app over it by hand.
            var kept = postgres is null ? Environment.GetEnvironmentVariable("OUTTURN_BENCH_KEEP") : null;
            var database = postgres is null
                ? kept ?? Path.Combine(dir, "dashboard.db")
                : await RecreateAsync(postgres, "bench_dashboard");
            if (kept is null || !File.Exists(kept))
            {
                var watch = Stopwatch.StartNew();
                await LoadAsync(database, dir, measures, months);
                Console.Error.WriteLine(
                    $"{name}: loaded {measures * (long)months:N0} values in {watch.Elapsed.TotalSeconds:F0} s"
                );
            }

            if (postgres is not null)
            {
                // A bulk load leaves PostgreSQL work to do in the background (autovacuum's analysis of ten million
                // new rows, a checkpoint): done now, so that it does not run during the measurements.
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                foreach (var sql in new[] { "VACUUM ANALYZE", "CHECKPOINT" })
                {
                    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                    await command.ExecuteNonQueryAsync();
                }
            }

            var period = Domain.Periods.Period.Month(1950, 1).Shift(months - 1).ToString();
            server = WebServer.Start(database);

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency })
            {
                BaseAddress = server.Address,
            };
            var dashboardUrl = $"/committees/Scrutiny?period={Uri.EscapeDataString(period)}";
            string page = "";
            for (var i = 0; i < 100 && page.Length == 0; i++)
            {
                try
                {
                    var r = await client.GetAsync(dashboardUrl);
                    page = r.IsSuccessStatusCode
                        ? await r.Content.ReadAsStringAsync()
                        : throw new InvalidOperationException($"{r.StatusCode}");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            await File.WriteAllTextAsync(staticFile, page);
            var etag =
                (await client.GetAsync(dashboardUrl)).Headers.ETag?.Tag
                ?? throw new InvalidOperationException("The dashboard gave no entity tag.");
            var rows = page.Split("<tr class=\"govuk-table__row").Length;
            List<double> dashboard = [],
                baseline = [],
                revalidated = [],
                uncached = [];
            List<double> cachedRatios = [],
                freshRatios = [];
            await using var bump = await BumpConnectionAsync(database);
            for (var i = 0; i < requests + 5; i++)
            {
                var d = await TimeAsync(client, dashboardUrl);
                var b = await TimeAsync(client, "/bench-static.html");
                var v = await TimeAsync(client, dashboardUrl, etag);

                // A change to the organisation's data (as any write makes): the next request builds the page afresh.
                await using (var command = bump.CreateCommand())
                {
                    command.CommandText = "UPDATE organisations SET data_version = data_version + 1";
                    await command.ExecuteNonQueryAsync();
                }

                var u = await TimeAsync(client, dashboardUrl);
                if (i >= 5)
                {
                    dashboard.Add(d);
                    baseline.Add(b);
                    revalidated.Add(v);
                    uncached.Add(u);
                    cachedRatios.Add(d / b);
                    freshRatios.Add(u / b);
                }

                // The 304 needs the tag of the page as it is now, after the change.
                etag = (await client.GetAsync(dashboardUrl)).Headers.ETag!.Tag;
            }

            var staticLoad = await LoadTestAsync(client, "/bench-static.html", seconds);
            var cachedLoad = await LoadTestAsync(client, dashboardUrl, seconds);
            return new Result(
                name,
                Encoding.UTF8.GetByteCount(page),
                rows,
                Median(baseline),
                Median(dashboard),
                Median(revalidated),
                Median(uncached),
                Median(cachedRatios),
                Median(freshRatios),
                staticLoad,
                cachedLoad
            );
        }
        finally
        {
            server?.Dispose();
            File.Delete(staticFile);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary><see cref="Concurrency"/> clients, each requesting <paramref name="url"/> again as soon as it has the
    /// last answer, for <paramref name="seconds"/>: answers a second and the latencies' median and 99th
    /// percentile.</summary>
    private static async Task<Throughput> LoadTestAsync(HttpClient client, string url, int seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable
            .Range(0, Concurrency)
            .Select(_ =>
                Task.Run(async () =>
                {
                    var times = new List<double>();
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        times.Add(await TimeAsync(client, url));
                    }

                    return times;
                })
            )
            .ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(t => t).Order().ToList();
        return new Throughput(all.Count / (double)seconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    private static async Task<double> TimeAsync(HttpClient client, string url, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        var expected = etag is null ? HttpStatusCode.OK : HttpStatusCode.NotModified;
        return response.StatusCode == expected
            ? watch.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"{url}: {response.StatusCode}, expected {expected}");
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static async Task<System.Data.Common.DbConnection> BumpConnectionAsync(string database)
    {
        System.Data.Common.DbConnection connection = database.Contains('=', StringComparison.Ordinal)
            ? new NpgsqlConnection(database)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A new, empty database on the PostgreSQL server; its connection string.</summary>
    internal static async Task<string> RecreateAsync(string admin, string name)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>The measures (the first 100 on committee "Scrutiny") and their monthly values, through the importer;
    /// then the last month published so the page needs no sign-in.</summary>
    private static async Task LoadAsync(string database, string dir, int measures, int months)
    {
        var measuresFile = Path.Combine(dir, "measures.csv");
        var valuesFile = Path.Combine(dir, "values.csv");
        await using (var m = new StreamWriter(measuresFile))
        {
            await m.WriteLineAsync("ref,title,priority,theme,committees,unit,polarity,frequency,decimals");
            for (var i = 0; i < measures; i++)
            {
                await m.WriteLineAsync(
                    $"M{i:D5},Measure {i},Priority {i % 4},Theme "
                        + $"{i % 12},{(i < 100 ? "Scrutiny" : "Other " + (i % 50))},percentage,"
                        + $"{(i % 3 == 0 ? "lower" : "higher")},monthly,1"
                );
            }
        }

        var random = new Random(3);
        await using (var v = new StreamWriter(valuesFile, false, System.Text.Encoding.UTF8, 1 << 20))
        {
            await v.WriteLineAsync("ref,period,value,target,commentary");
            for (var i = 0; i < measures; i++)
            {
                for (var k = 0; k < months; k++)
                {
                    var year = 1950 + (k / 12);
                    var month = (k % 12) + 1;
                    await v.WriteLineAsync(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"M{i:D5},{year}-{month:D2},{random.Next(500, 1000) / 10.0:F1},75,"
                                + $"{(k % 12 == 11 ? "Commentary for the month." : "")}"
                        )
                    );
                }
            }
        }

        var target = DatabaseTarget.Parse(database);
        await using var db = await target.OpenAsync();
        await new Importer(db, TimeProvider.System).ImportAsync("Bench", [measuresFile, valuesFile], "bench");
        var org = await db.Organisations.SingleAsync();
        db.Publications.Add(
            new Publication
            {
                OrganisationId = org.Id,
                Committee = "Scrutiny",
                Period = Domain.Periods.Period.Month(1950, 1).Shift(months - 1).ToString(),
                PublishedAt = DateTime.UtcNow,
                PublishedBy = "bench",
            }
        );
        await db.SaveChangesAsync();
    }
}
