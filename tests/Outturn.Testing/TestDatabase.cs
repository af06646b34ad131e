using Npgsql;
using Outturn.Data.Storage;
using Xunit;

namespace Outturn.Testing;

/// <summary>
/// A fresh, empty database of the given provider for one test: a temporary SQLite file, or a new database on
/// the PostgreSQL server that scripts/test.sh starts (named by OUTTURN_TEST_POSTGRES). Dropped afterwards.
/// Tests never share data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly TheoryData<string> Providers = new() { "sqlite", "postgres" };

    private readonly string? _sqlitePath;
    private readonly string? _pgName;
    private readonly string? _pgAdmin;

    public DatabaseTarget Target { get; }

    private TestDatabase(DatabaseTarget target, string? sqlitePath, string? pgName, string? pgAdmin) =>
        (Target, _sqlitePath, _pgName, _pgAdmin) = (target, sqlitePath, pgName, pgAdmin);

    /// <summary>A fresh database; with <paramref name="demo"/>, one already holding the demo council, copied from a
    /// template made once per provider and test run (a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on
    /// PostgreSQL), so that each test does not import it again.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, bool demo = false)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"outturn-test-{Guid.NewGuid():N}.db");
            if (demo)
            {
                File.Copy(await SqliteTemplate.Value, path);
            }

            return new TestDatabase(DatabaseTarget.Parse(path), path, null, null);
        }

        var admin = PostgresAdmin;
        var name = $"outturn_test_{Guid.NewGuid():N}";
        await CreatePostgresAsync(admin, name, demo ? await PostgresTemplate.Value : null);
        return new TestDatabase(DatabaseTarget.Parse(PostgresDatabase(admin, name, pooled: true)), null, name, admin);
    }

    private static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("OUTTURN_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "OUTTURN_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL."
        );

    private static async Task CreatePostgresAsync(string admin, string name, string? template)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}",
            connection
        );
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A test's database is pooled, as the web app's is: each new connection is a new server process whose
    /// catalogue caches start cold, which made the PostgreSQL tests several times slower than SQLite's. The template
    /// is not (PostgreSQL copies only a database nothing is connected to).</summary>
    private static string PostgresDatabase(string admin, string name, bool pooled) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = pooled }.ToString();

    private static async Task ImportDemoAsync(DatabaseTarget target)
    {
        await using var db = await target.OpenAsync();
        var demo = Repository.PathOf("demo");
        // As the web app loads it into an empty database (Outturn.Web's PrepareDatabaseAsync).
        await DemoCouncil.LoadAsync(db, demo, TimeProvider.System);
    }

    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"outturn-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        await ImportDemoAsync(DatabaseTarget.Parse(path));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var admin = PostgresAdmin;
        var name = $"outturn_template_{Guid.NewGuid():N}";
        await CreatePostgresAsync(admin, name, template: null);

        // Unpooled: nothing stays connected to the template, which PostgreSQL requires of a database it copies.
        await ImportDemoAsync(DatabaseTarget.Parse(PostgresDatabase(admin, name, pooled: false)));
        return name;
    });

    public Task<OutturnDbContext> OpenAsync() => Target.OpenAsync();

    /// <summary>A database the test made itself (a <see cref="PostgresCluster"/>'s): nothing is dropped on
    /// dispose.</summary>
    public static TestDatabase Existing(DatabaseTarget target) => new(target, null, null, null);

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }

        if (_pgName is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Target.ConnectionString));
            await using var connection = new NpgsqlConnection(_pgAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A temporary folder for a test's files.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("outturn-test-").FullName;

    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
