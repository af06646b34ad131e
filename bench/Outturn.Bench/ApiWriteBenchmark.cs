using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// One API request writing 10,000 values (1,000 measures × 10 months) into a database already holding 5 years of
/// their history, through the running web app; beside it, the same 10,000 rows imported from a CSV file by the
/// importer (the `outturn import` path) into the same database, in the same run. Each timed write changes every
/// row, so every run does the full work: checks, updates and change history. Then a request whose last row is bad
/// is refused whole, and the database is checked unchanged.
/// </summary>
internal static class ApiWriteBenchmark
{
    private const int Measures = 1_000;
    private const int Months = 10;
    private const int HistoryMonths = 60;

    public static async Task<int> RunAsync(int runs)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-bench-").FullName;
        WebServer? server = null;
        try
        {
            var dbPath = Path.Combine(dir, "api.db");
            var token = await LoadAsync(dbPath, dir);
            server = WebServer.Start(dbPath);
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    if ((await client.GetAsync("/api/v1/organisations")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            var url = "/api/v1/organisations/bench/values";
            var first = await TimeAsync(() => client.PostAsync(url, Body(0, bad: false)));
            var api = new List<double>();
            var file = new List<double>();
            var target = DatabaseTarget.Parse(dbPath);
            for (var run = 1; run <= runs; run++)
            {
                api.Add(await TimeAsync(() => client.PostAsync(url, Body(2 * run, bad: false))));
                var csv = Path.Combine(dir, "values.csv");
                await File.WriteAllTextAsync(csv, Csv((2 * run) + 1));
                var watch = Stopwatch.StartNew();
                await using (var db = await target.OpenAsync())
                {
                    await new Importer(db, TimeProvider.System).ImportAsync("Bench", [csv], "bench");
                }

                file.Add(watch.Elapsed.TotalMilliseconds);
            }

            long before;
            await using (var db = await target.OpenAsync())
            {
                before = await db.EntryChanges.CountAsync();
            }

            var refused = Stopwatch.StartNew();
            var response = await client.PostAsync(url, Body(999, bad: true));
            refused.Stop();
            await using (var db = await target.OpenAsync())
            {
                if (
                    response.StatusCode != System.Net.HttpStatusCode.BadRequest
                    || await db.EntryChanges.CountAsync() != before
                )
                {
                    throw new InvalidOperationException(
                        $"The bad request was not refused whole: {response.StatusCode}"
                    );
                }
            }

            double ma = Median(api),
                mf = Median(file),
                own = Median([.. api.Zip(file, (a, f) => a / f)]);
            Console.WriteLine(
                "| write of 10,000 values (1,000 measures × 10 months; 60,000 values of history) | file import of the "
                    + "same rows (baseline) | one API request | ratio |"
            );
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| every row changed, kept in history | {mf:F0} ms | {ma:F0} ms | {ma / mf:F2}× (rounds' own "
                        + $"{own:F2}×) |"
                )
            );
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"first write (10,000 new rows): {first:F0} ms; a request with one bad row among 10,000 refused "
                        + $"whole in {refused.Elapsed.TotalMilliseconds:F0} ms, nothing changed"
                )
            );
            Console.WriteLine(
                $"median of {runs} runs each, alternating; API times measured by the client on loopback, including "
                    + $"sending the {Body(0, false).Headers.ContentLength / 1024:N0} KB body"
            );
            return 0;
        }
        finally
        {
            server?.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        watch.Stop();
        return response.IsSuccessStatusCode
            ? watch.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"{response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
    }

    private static string Period(int k) => $"{2030 + (k / 12)}-{(k % 12) + 1:D2}";

    private static decimal Value(int i, int k, int run) => 50 + ((i * 7 + k * 13 + run * 17) % 500) / 10m;

    private static StringContent Body(int run, bool bad)
    {
        var json = new StringBuilder("{\"values\":[");
        for (var i = 0; i < Measures; i++)
        {
            for (var k = 0; k < Months; k++)
            {
                var reference = bad && i == Measures - 1 && k == Months - 1 ? "NOPE" : $"M{i:D4}";
                json.Append(
                    CultureInfo.InvariantCulture,
                    $"{{\"ref\":\"{reference}\",\"period\":\"{Period(k)}\",\"value\":{Value(i, k, run)},"
                        + $"\"target\":75,\"commentary\":\"Run {run}.\"}},"
                );
            }
        }

        json.Length--;
        json.Append("]}");
        return new StringContent(json.ToString(), Encoding.UTF8, "application/json");
    }

    private static string Csv(int run)
    {
        var csv = new StringBuilder("ref,period,value,target,commentary\n");
        for (var i = 0; i < Measures; i++)
        {
            for (var k = 0; k < Months; k++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"M{i:D4},{Period(k)},{Value(i, k, run)},75,Run {run}.\n");
            }
        }

        return csv.ToString();
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>1,000 monthly measures with 5 years of history, through the importer, and a write token.</summary>
    private static async Task<string> LoadAsync(string dbPath, string dir)
    {
        var measuresFile = Path.Combine(dir, "measures.csv");
        var valuesFile = Path.Combine(dir, "history.csv");
        var m = new StringBuilder("ref,title,priority,theme,committees,unit,polarity,frequency,decimals\n");
        for (var i = 0; i < Measures; i++)
        {
            m.Append(
                CultureInfo.InvariantCulture,
                $"M{i:D4},Measure {i},Priority {i % 4},Theme {i % 12},Committee {i % 5},percentage,higher,monthly,1\n"
            );
        }

        await File.WriteAllTextAsync(measuresFile, m.ToString());
        var v = new StringBuilder("ref,period,value,target\n");
        for (var i = 0; i < Measures; i++)
        {
            for (var k = 0; k < HistoryMonths; k++)
            {
                v.Append(
                    CultureInfo.InvariantCulture,
                    $"M{i:D4},{2025 + (k / 12)}-{(k % 12) + 1:D2},{Value(i, k, 0)},75\n"
                );
            }
        }

        await File.WriteAllTextAsync(valuesFile, v.ToString());
        await using var db = await DatabaseTarget.Parse(dbPath).OpenAsync();
        await new Importer(db, TimeProvider.System).ImportAsync("Bench", [measuresFile, valuesFile], "bench");
        var org = await db.Organisations.SingleAsync();
        // A token acts with its maker's current rights: the maker is a performance officer of the organisation.
        var role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.PerformanceOfficer)
        {
            NormalizedName = Roles.PerformanceOfficer.ToUpperInvariant(),
        };
        var maker = new OutturnUser
        {
            UserName = "bench",
            NormalizedUserName = "BENCH",
            DisplayName = "bench",
            OrganisationId = org.Id,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Roles.Add(role);
        db.Users.Add(maker);
        db.UserRoles.Add(
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = maker.Id, RoleId = role.Id }
        );
        await db.SaveChangesAsync();
        var issued = await new ApiTokenStore(db, TimeProvider.System).IssueAsync(
            org.Id,
            "Benchmark feed",
            ApiScope.Write,
            TimeSpan.FromDays(1),
            "bench"
        );
        return issued.Secret;
    }
}
