using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary><c>outturn backup</c> and <c>outturn restore</c> on SQLite: a backup taken while imports commit is one
/// consistent state, restores whole, and bad requests are refused by name.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_during_imports_is_one_whole_state_and_restores()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", demo: true);
        var database = test.Target.ConnectionString;
        using var files = new TempFolder();

        // Imports that each set two measures to the same new figure, one transaction each, while the backup runs.
        using var stop = new CancellationTokenSource();
        var imports = 0;
        var writing = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested && i <= 400; i++)
            {
                var file = files.Write(
                    $"v{i}.csv",
                    $"ref,period,value\nHO01,2018-03,{1000 + i}\nCS01,2018-03,{1000 + i}\n"
                );
                await using var db = await test.OpenAsync();
                await new Importer(db, TimeProvider.System).ImportAsync(DemoCouncil.Name, [file], "writer");
                imports = i;
            }
        });
        while (imports < 3)
        {
            await Task.Delay(20);
        }

        var backup = files.PathOf("backup.db");
        var made = await Cli.RunAsync(database, "backup", "--out", backup);
        await stop.CancelAsync();
        await writing;
        Assert.True(made.ExitCode == 0, $"exit {made.ExitCode}: {made.Error}");
        Assert.StartsWith("Backed up SQLite ", made.Out, StringComparison.Ordinal);
        Assert.Contains("1 organisation", made.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(backup + ".partial"));

        // Restored into a new database: whole, and never half an import.
        var restoredPath = files.PathOf("restored.db");
        var restored = await Cli.RunAsync(restoredPath, "restore", backup);
        Assert.Equal(0, restored.ExitCode);
        await using (var db = await DatabaseTarget.Parse(restoredPath).OpenAsync())
        {
            Assert.Equal("ok", await Scalar(db, "PRAGMA integrity_check;"));
            Assert.Equal("0", await Scalar(db, "SELECT count(*) FROM pragma_foreign_key_check;"));
            var march = await db
                .Entries.Where(e => e.Period == "2018-03")
                .Join(
                    db.Items.Where(i => i.Ref == "HO01" || i.Ref == "CS01"),
                    e => e.ItemId,
                    i => i.Id,
                    (e, i) => e.ValueNumber
                )
                .ToListAsync();
            Assert.Equal(2, march.Count);
            Assert.Equal(march[0], march[1]);
            Assert.True(march[0] > 1000m);
        }

        // The same evaluations as the database had when the backup was taken: the backup's figure is one the imports
        // wrote, and evaluating the restored copy gives what evaluating the backup itself gives.
        var fromRestored = await Cli.RunAsync(restoredPath, "evaluate", "--period", "2018-03", "--format", "csv");
        var copy = files.PathOf("copy.db");
        File.Copy(backup, copy);
        var fromBackup = await Cli.RunAsync(copy, "evaluate", "--period", "2018-03", "--format", "csv");
        Assert.Equal(0, fromRestored.ExitCode);
        Assert.Equal(fromBackup.Out, fromRestored.Out);

        // Refused by name: an existing file, a database that holds organisations, a file that is not a database.
        var again = await Cli.RunAsync(database, "backup", "--out", backup);
        Assert.Equal((1, true), (again.ExitCode, again.Error.Contains("exists already", StringComparison.Ordinal)));
        var over = await Cli.RunAsync(database, "restore", backup);
        Assert.Equal(1, over.ExitCode);
        Assert.Contains("already holds organisations", over.Error, StringComparison.Ordinal);
        var text = files.Write("notes.db", "not a database at all, just some words to fill a page of text");
        var junk = await Cli.RunAsync(files.PathOf("empty.db"), "restore", text);
        Assert.Equal(1, junk.ExitCode);
        Assert.Contains("is not a SQLite database", junk.Error, StringComparison.Ordinal);
        var postgres = await Cli.RunAsync("Host=localhost;Database=x", "backup", "--out", files.PathOf("pg.db"));
        Assert.Contains("pg_dump", postgres.Error, StringComparison.Ordinal);
    }

    private static async Task<string> Scalar(OutturnDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
