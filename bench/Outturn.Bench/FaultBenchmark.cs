using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// The web app killed (SIGKILL) while an upload's import runs, at moments spread over the import: each trial starts
/// the app, signs in, uploads 20,000 changed figures, confirms them, and kills the app at a random moment between
/// sending the confirmation and a little after the import would have ended. After each: SQLite's integrity and
/// foreign-key checks are clean (on PostgreSQL every entry's item exists), the figures are all the upload's or all as
/// before, and every figure is still there. At the end the app is started again and an upload is imported whole. On
/// SQLite, and on PostgreSQL too when OUTTURN_BENCH_POSTGRES names a server. The `outturn import` command's own kill
/// test is in the test suite (KilledImportTests).
/// </summary>
internal static partial class FaultBenchmark
{
    private const string Org = "Killed";
    private const int Measures = 50;
    private const int Months = 400;
    private const string Password = "benchmark password";

    public static async Task<int> RunAsync(int trials, string? postgres)
    {
        var failed = false;
        foreach (var database in new[] { (string?)null, postgres }.Where((d, i) => i == 0 || d is not null))
        {
            failed |= !await TrialsAsync(database, trials);
        }

        return failed ? 1 : 0;
    }

    private static async Task<bool> TrialsAsync(string? postgres, int trials)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-faults-").FullName;
        var name = postgres is null ? "SQLite" : "PostgreSQL";
        try
        {
            var database = postgres is null
                ? Path.Combine(dir, "faults.db")
                : await DashboardBenchmark.RecreateAsync(postgres, "bench_faults");
            var measures = Path.Combine(dir, "measures.csv");
            await File.WriteAllTextAsync(
                measures,
                "ref,title\n" + string.Concat(Enumerable.Range(0, Measures).Select(i => $"K{i:D3},Measure {i}\n"))
            );
            await using (var db = await DatabaseTarget.Parse(database).OpenAsync())
            {
                await new Importer(db, TimeProvider.System).ImportAsync(
                    Org,
                    [measures, await ValuesFileAsync(dir, 1)],
                    "setup"
                );
            }

            // How long an upload's import takes here, to spread the kills over it (and a little beyond).
            var span = await UploadAsync(database, dir, 2, killAfter: null);
            Console.Error.WriteLine($"{name}: a whole upload's import takes {span.TotalMilliseconds:F0} ms");
            var random = new Random(23);
            var outcomes = new List<string>();
            for (var trial = 0; trial < trials; trial++)
            {
                var figure = 100 + trial;
                var before = await FiguresAsync(database);
                var after = TimeSpan.FromMilliseconds(random.NextDouble() * span.TotalMilliseconds * 1.1);
                await UploadAsync(database, dir, figure, after);
                var problem = await WholeAsync(database);
                var figures = await FiguresAsync(database);
                var all = figures.Distinct.SequenceEqual([(decimal)figure]);
                if (
                    problem is not null
                    || figures.Total != Measures * Months
                    || !(all || figures.Distinct.SequenceEqual(before.Distinct))
                )
                {
                    Console.WriteLine(
                        $"{name}: trial {trial}, killed after {after.TotalMilliseconds:F0} ms: {problem} "
                            + $"{figures.Total} figures, values {string.Join(", ", figures.Distinct)}"
                    );
                    return false;
                }

                outcomes.Add(all ? "imported before the kill" : "killed before committing");
            }

            var next = await UploadAsync(database, dir, 7, killAfter: null);
            var last = await FiguresAsync(database);
            var works = last.Distinct.SequenceEqual([7m]);
            Console.WriteLine(
                $"{name}: {trials} kills of the web app during an upload's import (20,000 figures, about "
                    + $"{span.TotalMilliseconds:F0} ms): the database whole after every one; "
                    + string.Join(
                        ", ",
                        outcomes
                            .GroupBy(o => o)
                            .OrderBy(g => g.Key, StringComparer.Ordinal)
                            .Select(g => $"{g.Count()} {g.Key}")
                    )
                    + $"; the next upload afterwards {(works ? "imported whole" : "FAILED")} "
                    + $"({next.TotalMilliseconds:F0} ms)"
            );
            return works;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Starts the app, signs in, uploads the file of <paramref name="figure"/> and confirms it; kills the
    /// app <paramref name="killAfter"/> after sending the confirmation, or, with none, waits for the import and
    /// checks it was made. The time from confirming to the answer.</summary>
    private static async Task<TimeSpan> UploadAsync(string database, string dir, int figure, TimeSpan? killAfter)
    {
        using var server = WebServer.Start(database);
        using var client = new HttpClient(
            new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }
        )
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
        await WebServer.ReadyAsync(client);
        var signIn = await client.PostAsync(
            "/account/sign-in",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["username"] = "admin",
                    ["password"] = Password,
                    ["returnUrl"] = "/",
                    ["__RequestVerificationToken"] = Token(await client.GetStringAsync("/account/sign-in")),
                }
            )
        );
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in: {signIn.StatusCode}");
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(await client.GetStringAsync("/upload"))), "__RequestVerificationToken" },
            { new StreamContent(File.OpenRead(await ValuesFileAsync(dir, figure))), "files", "values.csv" },
        };
        var preview = await (await client.PostAsync("/upload?handler=Preview", form)).Content.ReadAsStringAsync();
        var batch = BatchPattern().Match(preview).Groups[1].Value;
        if (batch.Length == 0)
        {
            var summary = ErrorSummaryPattern().Match(preview).Value;
            throw new InvalidOperationException(
                "The upload gave no preview to confirm: "
                    + (summary.Length > 0 ? summary : preview[..Math.Min(2000, preview.Length)])
            );
        }

        var watch = Stopwatch.StartNew();
        var confirm = client.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["batch"] = batch, ["__RequestVerificationToken"] = Token(preview) }
            )
        );
        if (killAfter is { } delay)
        {
            await Task.WhenAny(confirm, Task.Delay(delay));
            server.Kill();
            try
            {
                await confirm;
            }
            catch (HttpRequestException)
            {
                // The connection ended with the process.
            }

            return watch.Elapsed;
        }

        var answer = await (await confirm).Content.ReadAsStringAsync();
        return answer.Contains("Figures imported", StringComparison.Ordinal)
            ? watch.Elapsed
            : throw new InvalidOperationException("The upload was not imported.");
    }

    private static async Task<string> ValuesFileAsync(string dir, int figure)
    {
        var path = Path.Combine(dir, $"values-{figure}.csv");
        if (!File.Exists(path))
        {
            var text = new StringBuilder("ref,period,value\n");
            for (var i = 0; i < Measures; i++)
            {
                for (var m = 0; m < Months; m++)
                {
                    text.Append(
                        CultureInfo.InvariantCulture,
                        $"K{i:D3},{Domain.Periods.Period.Month(1900, 1).Shift(m)},{figure}\n"
                    );
                }
            }

            await File.WriteAllTextAsync(path, text.ToString());
        }

        return path;
    }

    private static async Task<(int Total, decimal[] Distinct)> FiguresAsync(string database)
    {
        await using var db = await DatabaseTarget.Parse(database).OpenAsync();
        var figures = await db
            .Entries.GroupBy(e => e.ValueNumber)
            .Select(g => new { Value = g.Key, Count = g.Count() })
            .ToListAsync();
        return (figures.Sum(f => f.Count), [.. figures.Select(f => f.Value ?? -1).Order()]);
    }

    /// <summary>Null when the database is whole; else what is wrong.</summary>
    private static async Task<string?> WholeAsync(string database)
    {
        await using var db = await DatabaseTarget.Parse(database).OpenAsync();
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            await sqlite.OpenAsync();
            foreach (var (sql, good) in new[] { ("PRAGMA integrity_check", "ok"), ("PRAGMA foreign_key_check", "") })
            {
                await using var command = sqlite.CreateCommand();
                command.CommandText = sql;
                var found = (await command.ExecuteScalarAsync())?.ToString() ?? "";
                if (found != good)
                {
                    return $"{sql}: {found}";
                }
            }
        }

        var orphans = await db.Entries.CountAsync(e => !db.Items.Any(i => i.Id == e.ItemId));
        return orphans == 0 ? null : $"{orphans} entries without their item";
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<div class=\"govuk-error-summary[\\s\\S]*?</div>\\s*</div>")]
    private static partial Regex ErrorSummaryPattern();

    [GeneratedRegex("name=\"batch\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex BatchPattern();
}
