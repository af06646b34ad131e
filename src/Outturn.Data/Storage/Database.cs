using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Outturn.Data.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where the data lives: a SQLite file (by default one per user, the same for the web app and the command, wherever
/// either is started from) or a PostgreSQL connection string. One string chooses, as the CLI's <c>--database</c> takes
/// it.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default SQLite file: <c>~/.local/share/outturn/outturn.db</c> on Linux,
    /// <c>%LOCALAPPDATA%\outturn\outturn.db</c> on Windows.</summary>
    public static readonly string DefaultSqlitePath = Path.Combine(
        Environment.GetFolderPath(
            Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify
        ),
        "outturn",
        "outturn.db"
    );

    /// <summary>Reads a SQLite path (<c>data/outturn.db</c>; nothing means <see cref="DefaultSqlitePath"/>), a SQLite
    /// connection string (<c>Data Source=…</c>), or a PostgreSQL connection string (<c>Host=…;Database=…</c> or a
    /// <c>postgres://</c> URL).</summary>
    public static DatabaseTarget Parse(string? text)
    {
        var t = string.IsNullOrWhiteSpace(text) ? DefaultSqlitePath : text.Trim();
        if (
            t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        )
        {
            var uri = new Uri(t);
            var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
            var password = uri.UserInfo.Contains(':', StringComparison.Ordinal)
                ? Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1])
                : "";
            var port = uri.Port > 0 ? uri.Port : 5432;
            return new(
                DatabaseProvider.PostgreSql,
                $"Host={uri.Host};Port={port};Database={uri.AbsolutePath.TrimStart('/')};"
                    + $"Username={user};Password={password}"
            );
        }

        if (
            t.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || t.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        )
        {
            return new(DatabaseProvider.PostgreSql, t);
        }

        var builder = t.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(t)
            : new SqliteConnectionStringBuilder { DataSource = t };
        // Not pooled by default: a command (or a test) that is done with a file lets go of it. A long-running server
        // asks for pooling with WithPooling.
        builder.Pooling = false;
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>At most this many PostgreSQL connections for one instance of the web app, unless its connection string
    /// says otherwise (<c>Maximum Pool Size</c>). Npgsql's own default, 100, lets two instances exhaust PostgreSQL's
    /// default <c>max_connections</c> (100): after a restart, the requests queued meanwhile each opened a connection
    /// and most were refused ("too many clients"), so the outage went on for twenty seconds after PostgreSQL was
    /// back. A few connections per processor serve as many requests a second as a hundred; the others wait their
    /// turn for a moment.</summary>
    public const int WebPoolSize = 20;

    /// <summary>The same database as a long-running server should use it: SQLite connections pooled (opening a SQLite
    /// file and reading its schema costs milliseconds each time); PostgreSQL's pool bounded by <see
    /// cref="WebPoolSize"/> unless the connection string names its own maximum.</summary>
    public DatabaseTarget WithPooling()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return this with
            {
                ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString(),
            };
        }

        // The plain builder holds only the keys the string has (Npgsql's own would answer for every keyword).
        var given = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        return given.Keys.Cast<string>().Any(k => MaxPoolKeys.Contains(k.Replace(" ", "", StringComparison.Ordinal)))
            ? this
            : this with
            {
                ConnectionString = $"{ConnectionString.TrimEnd(';')};Maximum Pool Size={WebPoolSize}",
            };
    }

    private static readonly HashSet<string> MaxPoolKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "MaximumPoolSize",
        "MaxPoolSize",
    };

    /// <summary>Opens a context on this database, creating or upgrading its schema first.</summary>
    public async Task<OutturnDbContext> OpenAsync(CancellationToken ct = default)
    {
        var db = CreateContext();
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir) && path != ":memory:")
            {
                Directory.CreateDirectory(dir);
            }
        }

        // Migrate only when a migration is pending: reading the history table is cheap, whereas MigrateAsync also
        // builds the migrations' model to check it against the code's (about a second of CPU on every open). That check
        // is a test.
        if (!await IsUpToDateAsync(db, ct) && (await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers carry on while an import writes. It belongs to the file; the sync mode that goes with it
            // belongs to each connection, and is set as each opens (SqliteConnectionSettings).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return db;
    }

    /// <summary>Whether the database's migration history ends with the code's newest migration (<see
    /// cref="OutturnDbContext.NewestMigration"/>); false for a database without one, or when it cannot be
    /// read.</summary>
    private static Task<bool> IsUpToDateAsync(OutturnDbContext db, CancellationToken ct) =>
        StoreCommand.RunAsync(
            db,
            "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1",
            async command =>
            {
                try
                {
                    return await command.ExecuteScalarAsync(ct) is string newest && newest == db.NewestMigration;
                }
                catch (DbException)
                {
                    return false;
                }
            },
            ct
        );

    public OutturnDbContext CreateContext() =>
        Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteOutturnDbContext(
                new DbContextOptionsBuilder<SqliteOutturnDbContext>()
                    .UseSqlite(ConnectionString)
                    .AddInterceptors(SqliteConnectionSettings.Instance)
                    .Options
            ),
            _ => new PostgresOutturnDbContext(
                new DbContextOptionsBuilder<PostgresOutturnDbContext>().UseNpgsql(ConnectionString).Options
            ),
        };

    /// <summary>What is shown to people: the connection string without its password.</summary>
    public override string ToString() =>
        Provider == DatabaseProvider.Sqlite
            ? $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}"
            : "PostgreSQL "
                + string.Join(
                    ';',
                    ConnectionString
                        .Split(';')
                        .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase))
                );
}

/// <summary>
/// Sets each SQLite connection's sync mode as it opens (and, to be sure of them, foreign keys on): NORMAL, which under
/// the write-ahead log is durable across application crashes (a power cut may lose the last commits, never the file)
/// and spares a sync of the log at every commit. The mode belongs to the connection, not the file, and SQLite's default
/// is FULL: setting it once, on the connection that opened the database, left every other connection (each command's,
/// each web request's) on FULL.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}

/// <summary>Design-time factories for <c>dotnet ef migrations</c>.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteOutturnDbContext>
{
    public SqliteOutturnDbContext CreateDbContext(string[] args) =>
        (SqliteOutturnDbContext)new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=design.db").CreateContext();
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresOutturnDbContext>
{
    public PostgresOutturnDbContext CreateDbContext(string[] args) =>
        (PostgresOutturnDbContext)
            new DatabaseTarget(DatabaseProvider.PostgreSql, "Host=localhost;Database=design").CreateContext();
}
