using Microsoft.Data.Sqlite;
using Npgsql;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>How the web app holds its connections: SQLite's pooled, PostgreSQL's pool bounded unless the operator's
/// string names its own bound.</summary>
public class DatabaseTargetTests
{
    [Fact]
    public void A_web_apps_postgresql_pool_is_bounded_unless_its_string_says_otherwise()
    {
        static int MaxPool(string text) =>
            new NpgsqlConnectionStringBuilder(DatabaseTarget.Parse(text).WithPooling().ConnectionString).MaxPoolSize;

        Assert.Equal(DatabaseTarget.WebPoolSize, MaxPool("Host=db;Database=outturn;Username=web"));
        Assert.Equal(DatabaseTarget.WebPoolSize, MaxPool("Host=db;Database=outturn;Username=web;"));
        Assert.Equal(DatabaseTarget.WebPoolSize, MaxPool("postgres://web:secret@db:5433/outturn"));
        // The operator's own bound stands, however it is spelt.
        Assert.Equal(7, MaxPool("Host=db;Database=outturn;Maximum Pool Size=7"));
        Assert.Equal(150, MaxPool("Host=db;Database=outturn;maximum pool size=150"));
        Assert.Equal(3, MaxPool("Host=db;Database=outturn;MaxPoolSize=3"));
        // Everything else in the string is kept.
        var kept = new NpgsqlConnectionStringBuilder(
            DatabaseTarget
                .Parse("Host=a,b;Database=outturn;Target Session Attributes=prefer-standby")
                .WithPooling()
                .ConnectionString
        );
        Assert.Equal("a,b", kept.Host);
        Assert.Equal("prefer-standby", kept.TargetSessionAttributes);
    }

    [Fact]
    public void A_web_apps_sqlite_connections_are_pooled_and_a_commands_are_not()
    {
        var target = DatabaseTarget.Parse("data/outturn.db");
        Assert.False(new SqliteConnectionStringBuilder(target.ConnectionString).Pooling);
        Assert.True(new SqliteConnectionStringBuilder(target.WithPooling().ConnectionString).Pooling);
    }
}
