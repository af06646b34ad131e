using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

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
        Assert.False(
            db.Database.HasPendingModelChanges(),
            "the entity model differs from the last migration's snapshot: add a migration"
        );
    }

    /// <summary>The model EF uses at run time is compiled ahead (src/Outturn.Data/CompiledModels, made by
    /// <c>dotnet ef dbcontext optimize</c>) so that no command spends most of a second building it; it must be made
    /// again whenever the entities or their mapping change.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_compiled_model_is_the_model_the_code_builds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Target.CreateContext();
        var built = db.GetService<IDesignTimeModel>().Model;
        Assert.NotSame(built, db.Model);
        Assert.Equal(Describe(built), Describe(db.Model));
    }

    /// <summary>Every table, column (name, type, nullability, store type, generation), key, foreign key and index of a
    /// model, one per line: what the compiled model must agree with the built one on.</summary>
    private static List<string> Describe(IModel model) =>
        [
            .. model
                .GetEntityTypes()
                .OrderBy(e => e.Name)
                .SelectMany(e =>
                    new[] { $"{e.Name} -> {e.GetTableName()}" }
                        .Concat(
                            e.GetProperties()
                                .Select(p =>
                                    $"  {p.Name} {p.ClrType.Name} -> {p.GetColumnName()} "
                                    + $"{p.GetRelationalTypeMapping().StoreType} null={p.IsNullable} "
                                    + $"gen={p.ValueGenerated} max={p.GetMaxLength()}"
                                )
                        )
                        .Concat(
                            e.GetKeys()
                                .Select(k =>
                                    $"  key ({string.Join(", ", k.Properties.Select(p => p.Name))}) "
                                    + $"primary={k.IsPrimaryKey()}"
                                )
                        )
                        .Concat(
                            e.GetForeignKeys()
                                .Select(f =>
                                    $"  fk ({string.Join(", ", f.Properties.Select(p => p.Name))}) -> "
                                    + $"{f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"
                                )
                        )
                        .Concat(
                            e.GetIndexes()
                                .Select(i =>
                                    $"  index {i.GetDatabaseName()} "
                                    + $"({string.Join(", ", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"
                                )
                        )
                        .Concat(e.GetNavigations().Select(n => $"  navigation {n.Name} -> {n.TargetEntityType.Name}"))
                ),
        ];

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
            // Opening trusts a history that ends with this one: it must be the newest there is.
            Assert.Equal(all[^1], db.NewestMigration);

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
