using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>
/// Large imports into SQLite run under the rollback journal, without SQLite's row-by-row foreign key checks, when no
/// one else has the database open (<see cref="SqliteBulkLoad"/>): still all or nothing, history still kept, every
/// foreign key sound, and the write-ahead log and the checks back on afterwards. The size from which an import counts
/// as large is set to nothing here, so small files take that path.
/// </summary>
public sealed class BulkLoadTests
{
    private const string Measures = """
        ref,title,unit,polarity,frequency
        M1,Households in temporary accommodation,count,lower,monthly
        M2,% of calls answered,percentage,higher,monthly
        """;

    private static string Values(int months, Func<int, string> value, string? badRow = null)
    {
        var csv = new StringBuilder("ref,period,value,target\n");
        foreach (var item in new[] { "M1", "M2" })
        {
            for (var m = 0; m < months; m++)
            {
                csv.Append($"{item},{2000 + (m / 12)}-{(m % 12) + 1:D2},{value(m)},50\n");
            }
        }

        return csv.Append(badRow).ToString();
    }

    private static Importer BulkImporter(OutturnDbContext db) => new(db, TimeProvider.System) { BulkLoadBytes = 0 };

    private static string PathOf(TestDatabase test) =>
        new SqliteConnectionStringBuilder(test.Target.ConnectionString).DataSource;

    private static string? JournalMode(OutturnDbContext db) =>
        db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").AsEnumerable().Single();

    /// <summary>Whether the connection (held open by the test, so that it is the one the import used) checks foreign
    /// keys, and SQLite's own check of every foreign key in the database (one line per row whose parent is
    /// missing).</summary>
    private static async Task<(long Enforced, int Broken)> ForeignKeys(OutturnDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        var enforced = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA foreign_key_check";
        var broken = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                broken++;
            }
        }

        return (enforced, broken);
    }

    /// <summary>Notes, while values are being written (inside the import's transaction), which journal files
    /// exist.</summary>
    private sealed class JournalWatch(string path) : IProgress<ImportProgress>
    {
        public List<(bool Journal, bool Log)> Seen { get; } = [];

        public void Report(ImportProgress value)
        {
            if (value.Stage == "Writing values")
            {
                lock (Seen)
                {
                    Seen.Add((File.Exists(path + "-journal"), File.Exists(path + "-wal")));
                }
            }
        }
    }

    [Fact]
    public async Task A_large_import_is_written_under_the_rollback_journal_and_the_log_is_back_on_afterwards()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        var watch = new JournalWatch(PathOf(test));

        var result = await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [files.Write("measures.csv", Measures), files.Write("values.csv", Values(120, m => $"{m}"))],
                "officer@example.gov.uk",
                progress: watch
            );

        Assert.Equal(240, result.EntriesAdded);
        Assert.NotEmpty(watch.Seen);
        Assert.All(watch.Seen, s => Assert.True(s.Journal, "a rollback journal while the values are written"));
        Assert.False(File.Exists(PathOf(test) + "-journal"), "the journal is gone once committed");
        Assert.Equal("wal", JournalMode(db));
        Assert.Equal(240, await db.Entries.CountAsync());

        // A later large file updates under the journal too, and the history is kept.
        var again = await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [files.Write("values2.csv", Values(120, m => m < 12 ? $"{m + 1000}" : $"{m}"))],
                "analyst@example.gov.uk"
            );
        Assert.Equal((0, 24, 216), (again.EntriesAdded, again.EntriesChanged, again.EntriesUnchanged));
        Assert.Equal(
            24,
            await db.EntryChanges.CountAsync(c => c.Field == "value" && c.ChangedBy == "analyst@example.gov.uk")
        );
        Assert.Equal(1000m, await db.Entries.Where(e => e.Period == "2000-01").Select(e => e.ValueNumber).FirstAsync());
        Assert.Equal("wal", JournalMode(db));
    }

    [Fact]
    public async Task A_large_import_that_moves_items_between_committees_leaves_every_foreign_key_sound()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await db.Database.OpenConnectionAsync();
        // As DatabaseTarget.OpenAsync sets it for the log.
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL");
        await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [
                    files.Write(
                        "measures.csv",
                        "ref,title,committees\nM1,Households in temporary accommodation,Cabinet;Overview\nM2,% of "
                            + "calls answered,Cabinet\n"
                    ),
                    files.Write("values.csv", Values(24, m => $"{m}")),
                ],
                "officer@example.gov.uk"
            );
        Assert.Equal(3, await db.ItemCommittees.CountAsync());

        // M1 leaves Overview and joins People; M3 is new, with values; M2's values change.
        await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [
                    files.Write(
                        "measures2.csv",
                        "ref,title,committees\nM1,Households in temporary accommodation,Cabinet;People\nM3,Rough "
                            + "sleepers,People\n"
                    ),
                    files.Write("values2.csv", Values(24, m => $"{m + 1}").Replace("M1,", "M3,")),
                ],
                "officer@example.gov.uk"
            );

        Assert.Equal(4, await db.ItemCommittees.CountAsync());
        Assert.Equal(72, await db.Entries.CountAsync());
        Assert.Equal((1, 0), await ForeignKeys(db));
        Assert.Equal(
            1L,
            await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync()
        ); // NORMAL again (FULL during)
        var orphans = await db.Entries.CountAsync(e => !db.Items.Any(i => i.Id == e.ItemId));
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task A_large_import_with_a_bad_last_row_changes_nothing()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [files.Write("measures.csv", Measures), files.Write("values.csv", Values(24, m => $"{m}"))],
                "officer@example.gov.uk"
            );

        var refused = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            BulkImporter(db)
                .ImportAsync(
                    "Havering",
                    [files.Write("more.csv", Values(240, m => $"{m + 7}", badRow: "M1,2030-13,5,50\n"))],
                    "officer@example.gov.uk"
                )
        );

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("more.csv", 482, "period", "2030-13"), (error.File, error.Row, error.Column, error.Value));
        Assert.Equal(48, await db.Entries.CountAsync());
        Assert.Equal(0m, await db.Entries.Where(e => e.Period == "2000-01").Select(e => e.ValueNumber).FirstAsync());
        Assert.Equal(0, await db.EntryChanges.CountAsync());
        Assert.False(File.Exists(PathOf(test) + "-journal"));
        Assert.Equal("wal", JournalMode(db));
    }

    [Fact]
    public async Task With_the_database_open_elsewhere_a_large_import_stays_under_the_log()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await using var elsewhere = new SqliteConnection(test.Target.ConnectionString);
        await elsewhere.OpenAsync();
        await using (var read = elsewhere.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM organisations";
            Assert.Equal(0L, await read.ExecuteScalarAsync());
        }

        var watch = new JournalWatch(PathOf(test));
        var result = await BulkImporter(db)
            .ImportAsync(
                "Havering",
                [files.Write("measures.csv", Measures), files.Write("values.csv", Values(120, m => $"{m}"))],
                "officer@example.gov.uk",
                progress: watch
            );

        Assert.Equal(240, result.EntriesAdded);
        Assert.All(watch.Seen, s => Assert.Equal((false, true), s));
        await using (var read = elsewhere.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM entries";
            Assert.Equal(240L, await read.ExecuteScalarAsync());
        }

        Assert.Equal("wal", JournalMode(db));
    }
}
