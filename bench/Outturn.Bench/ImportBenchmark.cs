using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Bench;

/// <summary>
/// Imports generated value rows into a fresh SQLite database through Outturn's validating importer, beside
/// the sqlite3 CLI's raw <c>.import</c> of the same CSV into a bare table, alternating, in one run: in this process
/// (the importer warm, as a server keeps it), and as the published <c>outturn import</c> command in a process of its
/// own (as a performance officer runs it, paying each time for starting .NET, opening the database and EF's first
/// queries).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(int runs, int rows)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-bench-").FullName;
        try
        {
            var (measures, values) = Generate(dir, rows);
            // The command as released: published, so compiled ahead of time (ReadyToRun;
            // src/Outturn.Cli/Outturn.Cli.csproj).
            var cli = Path.Combine(WebServer.FindRoot(), "artifacts", "outturn", "outturn.dll");
            if (!File.Exists(cli))
            {
                Console.Error.WriteLine(
                    $"Publish the command first: dotnet publish src/Outturn.Cli -c Release -o artifacts/outturn "
                        + $"(looked for {cli})"
                );
                return 2;
            }

            // Two rounds first, reported but not counted: the importer in this process compiles its code in the first
            // and has its hot loops optimised by the runtime during the second (a server is warm like that after its
            // first imports); they also bring the files and the programs into the operating system's cache for all
            // three.
            const int warmUp = 2;
            var baseline = new List<double>();
            var outturn = new List<double>();
            var command = new List<double>();
            var reimport = new List<double>();
            for (var run = 1 - warmUp; run <= runs; run++)
            {
                var (bt, ot) = (
                    await Sqlite3ImportAsync(dir, values),
                    await OutturnImportAsync(dir, measures, values, rows)
                );
                var (rt, ct) = (
                    await ReimportAsync(dir, measures, values, rows),
                    await CommandImportAsync(dir, cli, measures, values)
                );
                Console.Error.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(run < 1 ? "warm-up" : $"run {run}")}: sqlite3 .import {bt:F2} s, importer (this process) "
                            + $"{ot:F2} s ({ot / bt:F2}×), outturn import (own process) {ct:F2} s ({ct / bt:F2}×), "
                            + $"re-import unchanged {rt:F2} s"
                    )
                );
                if (run >= 1)
                {
                    baseline.Add(bt);
                    outturn.Add(ot);
                    command.Add(ct);
                    reimport.Add(rt);
                }
            }

            var b = Median(baseline);
            var o = Median(outturn);
            var c = Median(command);
            Console.WriteLine(
                "| rows | sqlite3 .import (bare table) | importer, in a running process (validated, indexed) | ratio "
                    + "| `outturn import`, a process of its own | ratio |"
            );
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {rows:N0} | {b:F2} s ({rows / b:N0} rows/s) | {o:F2} s ({rows / o:N0} rows/s) | {o / b:F2}× | "
                        + $"{c:F2} s ({rows / c:N0} rows/s) | {c / b:F2}× |"
                )
            );
            // The machine's speed drifts: the ratio within each alternating round is steadier than a ratio of medians.
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"median of {runs} runs each after {warmUp} warm-up rounds, alternating; median of the rounds' "
                        + $"own ratios: importer {Median(outturn.Select((t, i) => t / baseline[i]).ToList()):F2}×, "
                        + $"command {Median(command.Select((t, i) => t / baseline[i]).ToList()):F2}×; "
                        + $"{Environment.ProcessorCount} cores; {RuntimeInformationText()}"
                )
            );
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"re-importing the same files, every value unchanged (importer, in this process): median "
                        + $"{Median(reimport):F2} s ({rows / Median(reimport):N0} rows/s), {Median(reimport) / b:F2}× "
                        + $"sqlite3's import"
                )
            );
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string RuntimeInformationText() =>
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>1,000 measures, each with a value and target for consecutive months, with qualifiers and
    /// notes.</summary>
    private static (string Measures, string Values) Generate(string dir, int rows)
    {
        const int items = 1000;
        var measures = Path.Combine(dir, "measures.csv");
        using (var w = new StreamWriter(measures))
        {
            w.WriteLine("ref,title,kind,priority,theme,committees,unit,polarity,frequency,decimals");
            for (var i = 0; i < items; i++)
            {
                w.WriteLine(
                    $"M{i:D4},Measure {i},measure,Priority {i % 4},Theme {i % 12},Committee "
                        + $"{i % 3},{(i % 2 == 0 ? "percentage" : "count")},"
                        + $"{(i % 3 == 0 ? "lower" : "higher")},monthly,1"
                );
            }
        }

        var values = Path.Combine(dir, "values.csv");
        var random = new Random(42);
        using (var w = new StreamWriter(values))
        {
            w.WriteLine("ref,period,value,target,qualifier,value_note");
            var perItem = (rows + items - 1) / items;
            var written = 0;
            for (var i = 0; i < items && written < rows; i++)
            {
                for (var m = 0; m < perItem && written < rows; m++, written++)
                {
                    var year = 1950 + (m / 12);
                    var month = (m % 12) + 1;
                    var value = (random.NextDouble() * 100).ToString("F1", CultureInfo.InvariantCulture);
                    var qualifier = m % 10 == 0 ? "provisional" : "";
                    var note = m % 25 == 0 ? "\"cumulative since June, includes late returns\"" : "";
                    w.WriteLine($"M{i:D4},{year}-{month:D2},{value},75,{qualifier},{note}");
                }
            }
        }

        return (measures, values);
    }

    private static async Task<double> Sqlite3ImportAsync(string dir, string values)
    {
        var db = Path.Combine(dir, "baseline.db");
        File.Delete(db);
        var start = new ProcessStartInfo("sqlite3", [db, "-cmd", ".mode csv", ".import " + values + " bare"])
        {
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("sqlite3 failed: " + await process.StandardError.ReadToEndAsync());
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> CommandImportAsync(string dir, string cli, string measures, string values)
    {
        var path = await FreshDatabaseAsync(dir, "command.db");
        var start = new ProcessStartInfo(
            "dotnet",
            [cli, "import", "--org", "Bench", "--database", path, measures, values]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"outturn import failed: {await output}{await error}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>A new, migrated, empty database: a copy of one migrated at the start, so that no run pays for creating
    /// the schema (the baseline's bare table costs nothing to create either) and no run's timing is disturbed by the
    /// runtime optimising the migration code that an earlier run's schema creation ran.</summary>
    private static async Task<string> FreshDatabaseAsync(string dir, string name)
    {
        var template = Path.Combine(dir, "template.db");
        if (!File.Exists(template))
        {
            await using var schema = await DatabaseTarget.Parse(template).OpenAsync();
            await schema.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        var path = Path.Combine(dir, name);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        File.Copy(template, path);
        return path;
    }

    /// <summary>Each in-process timing starts from a collected heap, so that none pays for collecting what the one
    /// before it left (a re-import leaves some hundreds of megabytes).</summary>
    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The same files imported again into the database <see cref="OutturnImportAsync"/> filled: every row
    /// read, checked and compared with what is stored, nothing changed (as when a council re-imports its whole
    /// workbook).</summary>
    private static async Task<double> ReimportAsync(string dir, string measures, string values, int rows)
    {
        var target = DatabaseTarget.Parse(Path.Combine(dir, "outturn.db"));
        CollectGarbage();
        var watch = Stopwatch.StartNew();
        await using var db = await target.OpenAsync();
        var result = await new Importer(db, TimeProvider.System).ImportAsync("Bench", [measures, values], "bench");
        watch.Stop();
        if (result.EntriesUnchanged != rows || result.EntriesAdded != 0 || result.EntriesChanged != 0)
        {
            throw new InvalidOperationException(
                $"Expected {rows} values unchanged, got {result.EntriesAdded} added, {result.EntriesChanged} changed."
            );
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> OutturnImportAsync(string dir, string measures, string values, int rows)
    {
        var path = await FreshDatabaseAsync(dir, "outturn.db");
        var target = DatabaseTarget.Parse(path);
        CollectGarbage();
        var watch = Stopwatch.StartNew();
        await using var db = await target.OpenAsync();
        var result = await new Importer(db, TimeProvider.System).ImportAsync("Bench", [measures, values], "bench");
        watch.Stop();
        if (result.EntriesAdded != rows)
        {
            throw new InvalidOperationException($"Expected {rows} values, imported {result.EntriesAdded}.");
        }

        return watch.Elapsed.TotalSeconds;
    }
}
