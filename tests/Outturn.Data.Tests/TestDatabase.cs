using Npgsql;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"outturn-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(DatabaseTarget.Parse(path), path, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("OUTTURN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("OUTTURN_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        var name = $"outturn_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        return new TestDatabase(DatabaseTarget.Parse(builder.ToString()), null, name, admin);
    }

    public Task<OutturnDbContext> OpenAsync() => Target.OpenAsync();

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
