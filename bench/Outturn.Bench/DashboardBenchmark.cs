using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// A 100-measure committee dashboard served by the web app from a database holding 10,000,000 values (10,000
/// measures × 1,000 months), beside a static file of the same size served by the same server, in the same run.
/// </summary>
internal static class DashboardBenchmark
{
    public static async Task<int> RunAsync(int requests, int measures, int months)
    {
        var root = WebServer.FindRoot();
        var dir = Directory.CreateTempSubdirectory("outturn-bench-").FullName;
        var staticFile = Path.Combine(root, "src", "Outturn.Web", "wwwroot", "bench-static.html");
        WebServer? server = null;
        try
        {
            var dbPath = Path.Combine(dir, "dashboard.db");
            var watch = Stopwatch.StartNew();
            await LoadAsync(dbPath, dir, measures, months);
            Console.Error.WriteLine($"loaded {measures * (long)months:N0} values in {watch.Elapsed.TotalSeconds:F0} s");
            var period = Domain.Periods.Period.Month(1950, 1).Shift(months - 1).ToString();

            server = WebServer.Start(dbPath);

            using var client = new HttpClient { BaseAddress = server.Address };
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
            var rows = page.Split("<tr class=\"govuk-table__row").Length;
            var dashboard = new List<double>();
            var baseline = new List<double>();
            var uncached = new List<double>();
            await using var bump = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath}");
            await bump.OpenAsync();
            for (var i = 0; i < requests + 5; i++)
            {
                var d = await TimeAsync(client, dashboardUrl);
                var b = await TimeAsync(client, "/bench-static.html");

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
                    uncached.Add(u);
                }
            }

            double md = Median(dashboard),
                mb = Median(baseline),
                mu = Median(uncached);
            Console.WriteLine(
                "| dashboard | static file, same size, same server (baseline) | dashboard page | ratio | dashboard "
                    + "page just after a change (built afresh) | ratio |"
            );
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| 100 measures, {page.Length / 1024:N0} KB, {rows} table rows; database of "
                        + $"{measures * (long)months:N0} values | {mb:F1} ms | {md:F1} ms | {md / mb:F1}× | {mu:F1} "
                        + $"ms | {mu / mb:F1}× |"
                )
            );
            Console.WriteLine(
                $"median of {requests} requests each, interleaved, after 5 warm-up rounds; times measured by the "
                    + $"client on loopback"
            );
            return 0;
        }
        finally
        {
            server?.Dispose();
            File.Delete(staticFile);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        return response.IsSuccessStatusCode
            ? watch.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"{url}: {response.StatusCode}");
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>The measures (the first 100 on committee "Scrutiny") and their monthly values, through the importer;
    /// then the last month published so the page needs no sign-in.</summary>
    private static async Task LoadAsync(string dbPath, string dir, int measures, int months)
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

        var target = DatabaseTarget.Parse(dbPath);
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
