using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outturn.Data.Comparisons;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Bench;

/// <summary>
/// National data at scale (issue 15): a file of every area × many metrics × ten years in Outturn's national format,
/// imported by <see cref="NationalImporter"/> beside its baseline in the same run — PostgreSQL's <c>psql \copy</c> of
/// the same file into a bare table of text columns, or on SQLite the <c>sqlite3</c> shell's <c>.import</c> — then the
/// comparison of one measure in a 16-member group and of an organisation with a measure linked to every metric, from
/// the database the last import filled.
/// </summary>
internal static class NationalBenchmark
{
    private const int Areas = 400;
    private const int Years = 10;
    private const int FirstYear = 2015;

    /// <param name="postgres">An administrator's connection string (OUTTURN_BENCH_POSTGRES), or null for
    /// SQLite.</param>
    public static async Task<int> RunAsync(int runs, int rows, string? postgres)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-national-").FullName;
        try
        {
            var areas = Math.Min(Areas, Math.Max(16, rows / Years));
            var metrics = Math.Max(1, rows / (areas * Years));
            var file = Generate(dir, metrics, areas);
            var total = metrics * areas * Years;
            var size = new FileInfo(file).Length;
            Console.Error.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{total:N0} rows ({metrics:N0} metrics × {areas} areas × {Years} years), {size / 1e6:N0} MB, "
                        + $"{(postgres is null ? "SQLite" : "PostgreSQL")}"
                )
            );

            var baseline = new List<double>();
            var outturn = new List<double>();
            DatabaseTarget? last = null;
            for (var run = 0; run <= runs; run++)
            {
                var b = postgres is null ? await Sqlite3Async(dir, file) : await PsqlCopyAsync(postgres, file);
                var (o, target) = await ImportAsync(dir, postgres, file, run);
                last = target;
                Console.Error.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(run == 0 ? "warm-up" : $"run {run}")}: baseline {b:F2} s, importer {o:F2} s ({o / b:F2}×)"
                    )
                );
                if (run > 0)
                {
                    baseline.Add(b);
                    outturn.Add(o);
                }
            }

            var (one, all, linked) = await CompareAsync(last!, metrics, areas);
            var ratios = outturn.Select((t, i) => t / baseline[i]).ToList();
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {(postgres is null ? "SQLite" : "PostgreSQL")} | {total:N0} | {Median(baseline):F2} s | "
                        + $"{Median(outturn):F2} s ({total / Median(outturn):N0} rows/s) | "
                        + $"**{Median(outturn) / Median(baseline):F2}×** "
                        + $"(rounds' own: {Median(ratios):F2}×, {ratios.Min():F2}–{ratios.Max():F2}) | "
                        + $"{one:F1} ms | {all:F0} ms ({linked:N0} measures) |"
                )
            );
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static string Code(int area) => $"E06{area + 1:D6}";

    /// <summary>The national file: every metric a percentage with its count and denominator, each area in one of
    /// nine regions, values drawn from a fixed seed so that every run reads the same file.</summary>
    private static string Generate(string dir, int metrics, int areas)
    {
        var path = Path.Combine(dir, "national.csv");
        var random = new Random(20250331);
        using var w = new StreamWriter(path);
        w.Write(
            "metric,metric_title,unit,rate_per,polarity,source,area_code,area_name,area_type,parent_code,period,value,"
                + "count,denominator,lower_ci_95,upper_ci_95,lower_ci_99_8,upper_ci_99_8,value_note\n"
        );
        for (var m = 0; m < metrics; m++)
        {
            for (var y = 0; y < Years; y++)
            {
                var period = Period.FinancialYear(FirstYear + y).ToString();
                for (var a = 0; a < areas; a++)
                {
                    var denominator = random.Next(500, 20000);
                    var count = random.Next(denominator / 10, denominator * 9 / 10);
                    var value = count * 100.0 / denominator;
                    w.Write(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"M{m:D4},Metric {m},%,,higher,Bench,{Code(a)},Area {a},unitary,E1200000{1 + (a % 9)},"
                                + $"{period},{value:F1},{count},{denominator},,,,,\n"
                        )
                    );
                }
            }
        }

        return path;
    }

    private static async Task<double> Sqlite3Async(string dir, string file)
    {
        var db = Path.Combine(dir, "baseline.db");
        File.Delete(db);
        return await TimeProcessAsync("sqlite3", [db, "-cmd", ".mode csv", ".import " + file + " bare"]);
    }

    private static async Task<double> PsqlCopyAsync(string admin, string file)
    {
        const string name = "bench_copy";
        await RecreateAsync(admin, name);
        var b = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        await using (var connection = new NpgsqlConnection(b.ConnectionString))
        {
            await connection.OpenAsync();
            var columns = string.Join(", ", NationalImporter.LongColumns.Select(c => c + " text"));
            await using var create = new NpgsqlCommand($"CREATE TABLE bare ({columns})", connection);
            await create.ExecuteNonQueryAsync();
        }

        var psql = File.Exists("/usr/bin/psql") ? "/usr/bin/psql" : "psql";
        return await TimeProcessAsync(
            psql,
            [
                "-h",
                b.Host!,
                "-p",
                b.Port.ToString(CultureInfo.InvariantCulture),
                "-U",
                b.Username!,
                "-d",
                name,
                "-c",
                $"\\copy bare FROM '{file}' CSV HEADER",
            ]
        );
    }

    private static async Task<double> TimeProcessAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task RecreateAsync(string admin, string name)
    {
        // One database of each kind at a time, dropped before it is made again, so that the disk does not fill
        // round by round; the pools let go of connections to the dropped one.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        // Each timing starts with nothing left to write out: otherwise the checkpoint that a round's writes bring on
        // runs during the next timing, and the baseline that follows an import took from 4.9 s to 9.0 s for the same
        // file in one run.
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync();
        // And with nothing left for the operating system to write out either: the checkpoint hands its pages to the
        // kernel, whose own write-back of the last round's gigabytes otherwise lands in this timing.
        await TimeProcessAsync("sync", []);
    }

    /// <summary>Imports into a new, migrated database (migrated before the clock starts), timed from a collected
    /// heap.</summary>
    private static async Task<(double Seconds, DatabaseTarget Target)> ImportAsync(
        string dir,
        string? admin,
        string file,
        int run
    )
    {
        DatabaseTarget target;
        if (admin is null)
        {
            var path = Path.Combine(dir, $"outturn-{run}.db");
            target = DatabaseTarget.Parse(path);
        }
        else
        {
            const string name = "bench_outturn";
            await RecreateAsync(admin, name);
            target = DatabaseTarget.Parse(
                new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString
            );
        }

        await using (await target.OpenAsync()) { }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await using var db = target.CreateContext();
        var watch = Stopwatch.StartNew();
        await NationalImporter.ImportAsync(db, [file]);
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, target);
    }

    /// <summary>An organisation in the first area with a measure linked to every metric and a group of the first 16
    /// areas: the median of 50 one-measure comparisons and of 5 of the whole organisation, after one of each to
    /// warm up.</summary>
    private static async Task<(double OneMs, double AllMs, int Linked)> CompareAsync(
        DatabaseTarget target,
        int metrics,
        int areas
    )
    {
        await using var db = target.CreateContext();
        var org = new Organisation
        {
            Name = "Bench Council",
            AreaCode = Code(0),
            ComparatorGroup = "Bench group",
        };
        db.Organisations.Add(org);
        db.ComparatorGroups.Add(
            new ComparatorGroup
            {
                Name = "Bench group",
                Members =
                [
                    .. Enumerable
                        .Range(0, Math.Min(16, areas))
                        .Select(a => new ComparatorMember { AreaCode = Code(a) }),
                ],
            }
        );
        await db.SaveChangesAsync();
        db.Items.AddRange(
            Enumerable
                .Range(0, metrics)
                .Select(m => new Item
                {
                    OrganisationId = org.Id,
                    Ref = $"R{m:D4}",
                    RefKey = $"R{m:D4}",
                    Title = $"Measure {m}",
                    Kind = ItemKind.Measure,
                    Unit = Unit.Percentage,
                    Polarity = Polarity.HigherIsBetter,
                    Frequency = Frequency.Annual,
                    BenchmarkMetric = $"M{m:D4}",
                    SortOrder = m,
                })
        );
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var service = new ComparisonService(db);
        var middle = $"R{metrics / 2:D4}";
        var latest = Period.FinancialYear(FirstYear + Years - 1);
        var one = new List<double>();
        var all = new List<double>();
        var linked = 0;
        for (var i = 0; i <= 50; i++)
        {
            var watch = Stopwatch.StartNew();
            var found = await service.CompareAsync(org, latest, itemRef: middle);
            watch.Stop();
            if (found.Count != 1 || found[0].Result.GroupSize != Math.Min(16, areas))
            {
                throw new InvalidOperationException("The one-measure comparison did not find its group.");
            }

            if (i > 0)
            {
                one.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        for (var i = 0; i <= 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var found = await service.CompareAsync(org, null);
            watch.Stop();
            linked = found.Count;
            if (i > 0)
            {
                all.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return (Median(one), Median(all), linked);
    }
}
