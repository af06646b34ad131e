using Microsoft.Data.Sqlite;

namespace Outturn.Data.Storage;

/// <summary>What a backup or a restore copied.</summary>
public sealed record BackupSummary(string File, long Bytes, int Organisations, long Entries);

/// <summary>
/// Backups of a SQLite database while it is in use, and restoring one. SQLite's online backup API copies every page as
/// of one moment: a write committed by the web app during the copy makes SQLite start the copy again, so the backup is
/// always one consistent state, never half an import. The copy is written under another name, checked (SQLite's
/// integrity check), and only then given the name asked for. A PostgreSQL database is backed up and restored with
/// <c>pg_dump</c> and <c>pg_restore</c> (docs/operations.md).
/// </summary>
public static class Backups
{
    /// <summary>What a PostgreSQL database's operator is told instead.</summary>
    public const string PostgresWords =
        "A PostgreSQL database is backed up with pg_dump -Fc and restored with pg_restore (docs/operations.md).";

    public static async Task<BackupSummary> BackupAsync(
        DatabaseTarget source,
        string file,
        CancellationToken ct = default
    )
    {
        if (source.Provider != DatabaseProvider.Sqlite)
        {
            throw new Domain.OutturnException(PostgresWords);
        }

        var path = Path.GetFullPath(file);
        if (File.Exists(path))
        {
            throw new Domain.OutturnException($"{file} exists already: name a new file for the backup.");
        }

        // Opening through the target first creates or upgrades the schema, as every command does.
        await (await source.OpenAsync(ct)).DisposeAsync();
        var partial = path + ".partial";
        File.Delete(partial);
        try
        {
            // A reader of a database in write-ahead-log mode may be told "busy" for a moment while a writer resets
            // the log; the copy is then started again, a few times, before the failure is passed on.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var from = new SqliteConnection(source.ConnectionString);
                    await using var to = new SqliteConnection(Plain(partial));
                    await from.OpenAsync(ct);
                    await to.OpenAsync(ct);
                    from.BackupDatabase(to);
                    break;
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 && attempt < 5)
                {
                    await Task.Delay(200 * attempt, ct);
                }
            }

            var summary = await CheckAsync(partial, file, ct);
            File.Move(partial, path);
            return summary with { File = file };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>Replaces <paramref name="target"/>'s contents with the backup's: refused when the file is not an
    /// Outturn database or is damaged, and (unless <paramref name="replace"/>) when the target already holds an
    /// organisation. The schema is then upgraded if the backup is older than this version.</summary>
    public static async Task<BackupSummary> RestoreAsync(
        string file,
        DatabaseTarget target,
        bool replace,
        CancellationToken ct = default
    )
    {
        if (target.Provider != DatabaseProvider.Sqlite)
        {
            throw new Domain.OutturnException(PostgresWords);
        }

        if (!File.Exists(file))
        {
            throw new Domain.OutturnException($"There is no backup file {file}.");
        }

        var summary = await CheckAsync(file, file, ct);
        await using (var db = await target.OpenAsync(ct))
        {
            if (!replace && db.Organisations.Any())
            {
                throw new Domain.OutturnException(
                    $"{target} already holds organisations: restoring would replace them all. Say --replace to do so."
                );
            }
        }

        await using (var from = new SqliteConnection(Plain(file, readOnly: true)))
        await using (var to = new SqliteConnection(target.ConnectionString))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
        }

        SqliteConnection.ClearAllPools();
        await (await target.OpenAsync(ct)).DisposeAsync();
        return summary;
    }

    /// <summary>Checks that a file is a whole Outturn database, and counts what it holds.</summary>
    private static async Task<BackupSummary> CheckAsync(string path, string name, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection(Plain(path, readOnly: true));
            await connection.OpenAsync(ct);
            async Task<object?> ScalarAsync(string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                return await command.ExecuteScalarAsync(ct);
            }

            if (await ScalarAsync("PRAGMA integrity_check;") is not "ok")
            {
                throw new Domain.OutturnException($"{name} is damaged: SQLite's integrity check does not pass.");
            }

            if (
                Convert.ToInt64(
                    await ScalarAsync(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            + "AND name IN ('__EFMigrationsHistory', 'organisations', 'entries');"
                    ),
                    System.Globalization.CultureInfo.InvariantCulture
                ) != 3
            )
            {
                throw new Domain.OutturnException($"{name} is not an Outturn database.");
            }

            var organisations = Convert.ToInt32(
                await ScalarAsync("SELECT count(*) FROM organisations;"),
                System.Globalization.CultureInfo.InvariantCulture
            );
            var entries = Convert.ToInt64(
                await ScalarAsync("SELECT count(*) FROM entries;"),
                System.Globalization.CultureInfo.InvariantCulture
            );
            return new BackupSummary(name, new FileInfo(path).Length, organisations, entries);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            // SQLITE_NOTADB, SQLITE_CORRUPT
            throw new Domain.OutturnException($"{name} is not a SQLite database (or is damaged): {ex.Message}");
        }
    }

    private static string Plain(string path, bool readOnly = false) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString();
}
