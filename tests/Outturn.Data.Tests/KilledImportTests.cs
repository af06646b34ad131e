using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>
/// The `outturn import` command killed (SIGKILL, no chance to clean up) at moments spread over its run, twenty times:
/// after each, the database is whole (SQLite's integrity and foreign-key checks), the import is there entirely or not
/// at all, and the next import works. One class for each database, so that the two run side by side.
/// </summary>
public abstract class KilledImportTests(string provider)
{
    private const string Org = "Killed";
    private const int Measures = 50;
    private const int Months = 400;
    private const int Trials = 20;

    [Fact]
    public async Task An_import_killed_at_any_moment_leaves_all_of_it_or_none_and_a_whole_database()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var measures = files.Write(
            "measures.csv",
            "ref,title\n" + string.Concat(Enumerable.Range(0, Measures).Select(i => $"K{i:D3},Measure {i}\n"))
        );
        string Values(int figure)
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

            return files.Write($"values-{figure}.csv", text.ToString());
        }

        await using (var db = await test.OpenAsync())
        {
            await new Importer(db, TimeProvider.System).ImportAsync(Org, [measures, Values(1)], "setup");
        }

        // How long a whole import takes here, to spread the kills over it (and a little beyond).
        var whole = Stopwatch.StartNew();
        Assert.Equal(0, (await RunAsync(test, measures, Values(2), killAfter: null)).ExitCode);
        var span = whole.Elapsed;
        var random = new Random(17);
        var outcomes = new List<string>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var figure = 100 + trial;
            var file = Values(figure);
            var before = await FiguresAsync(test);
            var after = TimeSpan.FromMilliseconds(random.NextDouble() * span.TotalMilliseconds * 1.1);
            var (exit, killed) = await RunAsync(test, measures, file, after);

            await AssertWholeAsync(test);
            var figures = await FiguresAsync(test);
            Assert.Equal(Measures * Months, figures.Total);
            // All of the file's figures, or none of them: the figures are those before, or every one the file's.
            var all = figures.Distinct.SequenceEqual([(decimal)figure]);
            Assert.True(
                all || figures.Distinct.SequenceEqual(before.Distinct),
                $"trial {trial}, killed after {after.TotalMilliseconds:F0} ms (exit {exit}): figures "
                    + $"{string.Join(", ", figures.Distinct)}, before {string.Join(", ", before.Distinct)}"
            );
            outcomes.Add(killed ? (all ? "killed after commit" : "killed") : "finished");
        }

        // The next import works, whatever the last kill left.
        await using (var db = await test.OpenAsync())
        {
            var result = await new Importer(db, TimeProvider.System).ImportAsync(Org, [measures, Values(7)], "next");
            Assert.True(result.Applied);
        }

        Assert.Equal([7m], (await FiguresAsync(test)).Distinct);
        // The kills fell both before and during the import's writing, not all after it.
        Assert.Contains("killed", outcomes);
    }

    private static async Task<(int ExitCode, bool Killed)> RunAsync(
        TestDatabase test,
        string measures,
        string values,
        TimeSpan? killAfter
    )
    {
        using var process = Process.Start(
            Cli.ProcessStart(test.Target.ConnectionString, "import", "--org", Org, measures, values)
        )!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var killed = false;
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true);
            killed = true;
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return (process.ExitCode, killed);
    }

    private static async Task<(int Total, decimal[] Distinct)> FiguresAsync(TestDatabase test)
    {
        await using var db = await test.OpenAsync();
        var figures = await db
            .Entries.GroupBy(e => e.ValueNumber)
            .Select(g => new { Value = g.Key, Count = g.Count() })
            .ToListAsync();
        return (figures.Sum(f => f.Count), [.. figures.Select(f => f.Value ?? -1).Order()]);
    }

    /// <summary>SQLite: <c>PRAGMA integrity_check</c> is ok and <c>foreign_key_check</c> finds nothing; PostgreSQL:
    /// every entry's item exists (its constraints are checked as it writes).</summary>
    private static async Task AssertWholeAsync(TestDatabase test)
    {
        await using var db = await test.OpenAsync();
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            await sqlite.OpenAsync();
            async Task<List<string>> RowsAsync(string sql)
            {
                await using var command = sqlite.CreateCommand();
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetValue(0).ToString() ?? "");
                }

                return rows;
            }

            Assert.Equal(["ok"], await RowsAsync("PRAGMA integrity_check"));
            Assert.Empty(await RowsAsync("PRAGMA foreign_key_check"));
        }

        Assert.Equal(0, await db.Entries.CountAsync(e => !db.Items.Any(i => i.Id == e.ItemId)));
    }
}

public sealed class KilledImportOnSqliteTests() : KilledImportTests("sqlite");

public sealed class KilledImportOnPostgresTests() : KilledImportTests("postgres");
