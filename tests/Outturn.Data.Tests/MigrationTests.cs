using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>Opening a database migrates it only when a migration is pending, so these checks, which MigrateAsync
/// would otherwise make on every open, are made here.</summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_code_model_has_no_change_that_a_migration_lacks(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Target.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the entity model differs from the last migration's snapshot: add a migration");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_database_is_migrated_on_open_and_an_older_one_is_brought_up_to_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.OpenAsync())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var all = db.Database.GetMigrations().ToList();
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());

            // Roll back to the first migration, as a database made by an older Outturn would be.
            await db.GetService<IMigrator>().MigrateAsync(all[0]);
            Assert.Equal(all.Skip(1), await db.Database.GetPendingMigrationsAsync());
        }

        await using (var db = await database.OpenAsync())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Organisations.CountAsync());
        }
    }
}
