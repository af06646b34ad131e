using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// A soak: the web app started on an empty database (it loads and publishes the demo, as on a first start), then
/// requests sent at a steady rate for a number of seconds — published dashboards, measure pages, the API's reads,
/// open data, and a static file from the same server as the baseline — while a figure is entered through the API
/// every second. On SQLite with one instance; on PostgreSQL (OUTTURN_BENCH_POSTGRES) with two instances on the one
/// database, taking turns, and, when OUTTURN_BENCH_PG_RESTART holds a shell command, PostgreSQL restarted by it half
/// way through. Reports each kind's throughput and latency, every answer that was not a success (a 503 with a time to
/// retry during the restart is counted apart), and whether every figure the app acknowledged is stored afterwards.
/// Loopback only; bounded by its duration.
/// </summary>
internal static class SoakBenchmark
{
    private const string Org = "borsetshire-county-council";

    /// <summary>How many requests may be waiting for an answer at once before the soak stops sending (an app that
    /// cannot keep up shows as a rate below the one asked for, not as an ever-growing queue).</summary>
    private const int InFlight = 256;

    private sealed record Answer(string Kind, double Milliseconds, int Status, bool RetryAfter, double At);

    private sealed record Result(
        string Database,
        int Rate,
        int Instances,
        double Seconds,
        List<Answer> Answers,
        int Acknowledged,
        int Stored,
        (double From, double To)? Restart
    );

    public static async Task<int> RunAsync(int seconds, int rate, int? postgresRate, string? postgres, string? restart)
    {
        var results = new List<Result> { await SoakAsync(null, seconds, rate, null) };
        if (postgres is not null)
        {
            results.Add(await SoakAsync(postgres, seconds, postgresRate ?? rate, restart));
        }

        Console.WriteLine(
            "| database | instances | asked for | kind | requests | per second | p50 | p99 | not a success | "
                + "503 while restarting |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var r in results)
        {
            foreach (var kind in r.Answers.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var times = kind.Where(a => a.Status is >= 200 and < 400).Select(a => a.Milliseconds).Order().ToList();
                var refused = kind.Count(a => IsRefusedWhileRestarting(a, r.Restart));
                var errors = kind.Count(a => a.Status is < 200 or >= 400) - refused;
                failed |= errors > 0;
                Console.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {r.Database} | {r.Instances} | {r.Rate}/s | {kind.Key} | {kind.Count():N0} | "
                            + $"{kind.Count() / r.Seconds:F1} | {Percentile(times, 0.5):F1} ms | "
                            + $"{Percentile(times, 0.99):F1} ms | {errors} | {refused} |"
                    )
                );
            }

            failed |= r.Stored != r.Acknowledged;
            var restarted = r.Restart is { } w
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"; PostgreSQL restarted from {w.From:F1} s to {w.To:F1} s"
                )
                : "";
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.Database}: {r.Answers.Count:N0} requests in {r.Seconds:F0} s "
                        + $"({r.Answers.Count / r.Seconds:F1}/s); figures acknowledged {r.Acknowledged}, stored "
                        + $"afterwards {r.Stored}{restarted}"
                )
            );
        }

        Console.WriteLine(
            $"{seconds} s each; latency measured by the client on loopback, from sending to "
                + "the last byte; 'not a success' counts every answer outside 2xx/3xx and every failed connection, "
                + "except 503s with Retry-After while PostgreSQL restarts (and for 5 s after)"
        );
        return failed ? 1 : 0;
    }

    private static bool IsRefusedWhileRestarting(Answer a, (double From, double To)? restart) =>
        restart is { } w && a.Status == 503 && a.RetryAfter && a.At >= w.From && a.At <= w.To + 5;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static async Task<Result> SoakAsync(string? postgres, int seconds, int rate, string? restart)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-soak-").FullName;
        var name = postgres is null ? "SQLite" : "PostgreSQL";
        var instances = postgres is null ? 1 : 2;
        var servers = new List<WebServer>();
        try
        {
            var database = postgres is null
                ? Path.Combine(dir, "soak.db")
                : await DashboardBenchmark.RecreateAsync(postgres, "bench_soak");

            // The first instance loads and publishes the demo; the second starts on what it made.
            var clients = new List<HttpClient>();
            for (var i = 0; i < instances; i++)
            {
                var server = WebServer.Start(database, loadDemo: i == 0);
                servers.Add(server);
                var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight })
                {
                    BaseAddress = server.Address,
                    Timeout = TimeSpan.FromSeconds(30),
                };
                clients.Add(client);
                await WebServer.ReadyAsync(client);
            }

            var (urls, collecting) = await PrepareAsync(database);
            // Every address answers on every instance before the soak, which warms each (compiled code, caches,
            // connections), so that what is measured is the app running, not starting.
            foreach (var client in clients)
            {
                for (var round = 0; round < 3; round++)
                {
                    await Parallel.ForEachAsync(
                        urls,
                        new ParallelOptions { MaxDegreeOfParallelism = 8 },
                        async (u, ct) =>
                        {
                            using var check = await client.GetAsync(u.Url, ct);
                            if (check.StatusCode != HttpStatusCode.OK)
                            {
                                throw new InvalidOperationException(
                                    $"{u.Kind} {u.Url}: {check.StatusCode} before the soak"
                                );
                            }
                        }
                    );
                }
            }

            Console.Error.WriteLine($"{name}: soaking for {seconds} s at {rate} requests/s");
            var answers = new ConcurrentQueue<Answer>();
            var acknowledged = new ConcurrentQueue<(string Ref, string Period)>();
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(seconds);
            (double, double)? window = null;
            var restarting = restart is null
                ? Task.CompletedTask
                : Task.Run(async () =>
                {
                    await Task.Delay(end / 2);
                    var from = clock.Elapsed.TotalSeconds;
                    await ShellAsync(restart);
                    window = (from, clock.Elapsed.TotalSeconds);
                });
            var writing = Task.Run(() => WriteEverySecondAsync(clients, collecting, end, clock, answers, acknowledged));
            var random = new Random(11);
            using var slots = new SemaphoreSlim(InFlight);
            var sent = new List<Task>();
            for (long n = 0; ; n++)
            {
                var due = TimeSpan.FromSeconds(n / (double)rate);
                if (due >= end)
                {
                    break;
                }

                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var (kind, url) = urls[random.Next(urls.Count)];
                var client = clients[(int)(n % instances)];
                await slots.WaitAsync();
                sent.Add(
                    Task.Run(async () =>
                    {
                        try
                        {
                            answers.Enqueue(await GetAsync(client, kind, url, clock));
                        }
                        finally
                        {
                            slots.Release();
                        }
                    })
                );
            }

            await Task.WhenAll(sent);
            await writing;
            await restarting;
            var elapsed = clock.Elapsed.TotalSeconds;
            if (Environment.GetEnvironmentVariable("OUTTURN_BENCH_ANSWERS") is { Length: > 0 } keep)
            {
                await File.WriteAllLinesAsync(
                    $"{keep}-{name}.csv",
                    answers.Select(a =>
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"{a.At:F3},{a.Kind},{a.Status},{a.RetryAfter},{a.Milliseconds:F1}"
                        )
                    )
                );
            }

            var stored = await StoredAsync(database, [.. acknowledged]);
            return new Result(name, rate, instances, elapsed, [.. answers], acknowledged.Count, stored, window);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<Answer> GetAsync(HttpClient client, string kind, string url, Stopwatch clock)
    {
        var at = clock.Elapsed.TotalSeconds;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            return new Answer(
                kind,
                watch.Elapsed.TotalMilliseconds,
                (int)response.StatusCode,
                response.Headers.RetryAfter is not null,
                at
            );
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(kind, watch.Elapsed.TotalMilliseconds, 0, false, at);
        }
    }

    /// <summary>A figure every second, through the API, each instance in turn, as measure owners enter the months
    /// being collected: each in a place of its own (the demo's monthly measures in turn, then the next month, from the
    /// month after the last one published), so that every one can be found afterwards; those the app answered 200
    /// are acknowledged.</summary>
    private static async Task WriteEverySecondAsync(
        List<HttpClient> clients,
        Collecting collecting,
        TimeSpan end,
        Stopwatch clock,
        ConcurrentQueue<Answer> answers,
        ConcurrentQueue<(string Ref, string Period)> acknowledged
    )
    {
        for (var i = 0; clock.Elapsed < end; i++)
        {
            var measure = collecting.Refs[i % collecting.Refs.Count];
            var period = collecting.From.Shift(i / collecting.Refs.Count).ToString();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organisations/{Org}/values")
            {
                Content = JsonContent.Create(
                    new
                    {
                        values = new[]
                        {
                            new
                            {
                                @ref = measure,
                                period,
                                value = (10 + (i % 80)).ToString(CultureInfo.InvariantCulture),
                            },
                        },
                    }
                ),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer",
                collecting.Token
            );
            var at = clock.Elapsed.TotalSeconds;
            var watch = Stopwatch.StartNew();
            int status;
            var retryAfter = false;
            try
            {
                using var response = await clients[i % clients.Count].SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = (int)response.StatusCode;
                retryAfter = response.Headers.RetryAfter is not null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }

            answers.Enqueue(
                new Answer("figure entered (API)", watch.Elapsed.TotalMilliseconds, status, retryAfter, at)
            );
            if (status == 200)
            {
                acknowledged.Enqueue((measure, period));
            }

            var next = TimeSpan.FromSeconds(i + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
    }

    /// <summary>Where the figures entered go — monthly measures, from the month after the latest published — and a
    /// write token of the demo's performance officer to enter them with.</summary>
    private sealed record Collecting(IReadOnlyList<string> Refs, Domain.Periods.Period From, string Token);

    /// <summary>What the visitors ask for, by kind — every committee's published dashboards, the measures on them,
    /// the API's and open data's reads, a static file — and where the figures entered go.</summary>
    private static async Task<(List<(string Kind, string Url)> Urls, Collecting Collecting)> PrepareAsync(
        string database
    )
    {
        await using var db = await DatabaseTarget.Parse(database).OpenAsync();
        var org = await db.Organisations.SingleAsync();
        var published = await db.Publications.AsNoTracking().Select(p => new { p.Committee, p.Period }).ToListAsync();
        var committees = published.Select(p => p.Committee).Distinct().ToList();
        var refs = await db
            .Items.AsNoTracking()
            .Where(i => i.Kind == Domain.Framework.ItemKind.Measure && i.Committees.Any())
            .OrderBy(i => i.Ref)
            .Select(i => i.Ref)
            .Take(40)
            .ToListAsync();
        var urls = new List<(string, string)>();
        urls.AddRange(
            published.Select(p =>
                ("published dashboard", $"/committees/{Uri.EscapeDataString(p.Committee)}?period={p.Period}")
            )
        );
        urls.AddRange(refs.Select(r => ("measure page", $"/measures/{Uri.EscapeDataString(r)}")));
        var api = $"/api/v1/organisations/{Org}";
        urls.AddRange(
            Enumerable.Repeat(("API read", $"{api}/values?period=2018-03"), 5).Append(("API read", $"{api}/items"))
        );
        urls.AddRange([
            ("open data", $"/open-data/{Org}/values.csv"),
            ("open data", $"/open-data/{Org}/measures.json"),
        ]);
        urls.AddRange(Enumerable.Repeat(("static file (baseline)", "/outturn.css"), Math.Max(4, urls.Count / 6)));
        var issued = await new ApiTokenStore(db, TimeProvider.System).IssueAsync(
            org.Id,
            "soak",
            ApiScope.Write,
            TimeSpan.FromDays(1),
            DemoCouncil.PerformanceOfficer.UserName
        );
        var monthly = await db
            .Items.AsNoTracking()
            .Where(i =>
                i.Kind == Domain.Framework.ItemKind.Measure && i.Frequency == Domain.Framework.Frequency.Monthly
            )
            .OrderBy(i => i.Ref)
            .Select(i => i.Ref)
            .ToListAsync();
        var from = published.Select(p => Domain.Periods.Period.Parse(p.Period)).MaxBy(p => p.EndMonth).Next();
        Console.Error.WriteLine(
            $"{committees.Count} committees' {published.Count} dashboards, {refs.Count} measures, "
                + $"{urls.Count} addresses; figures entered for {monthly.Count} monthly measures from {from}"
        );
        return (urls, new Collecting(monthly, from, issued.Secret));
    }

    /// <summary>How many of the acknowledged figures are stored: a figure for that measure and month.</summary>
    private static async Task<int> StoredAsync(string database, List<(string Ref, string Period)> acknowledged)
    {
        await using var db = await DatabaseTarget.Parse(database).OpenAsync();
        var periods = acknowledged.Select(a => a.Period).Distinct().ToList();
        var stored = await db
            .Entries.AsNoTracking()
            .Where(e => periods.Contains(e.Period) && e.ValueNumber != null)
            .Join(db.Items, e => e.ItemId, i => i.Id, (e, i) => new { i.Ref, e.Period })
            .ToListAsync();
        var found = stored.Select(e => (e.Ref, e.Period)).ToHashSet();
        return acknowledged.Distinct().Count(found.Contains);
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]))!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode})");
        }
    }
}
