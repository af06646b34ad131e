using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Outturn.Data.Storage;

/// <summary>
/// Inserts new entities without the change tracker: one INSERT per type, prepared once and run for each entity, its
/// table, columns and value conversions read from the EF model (so it keeps step with the entity as the model changes),
/// inside the context's transaction. A key the database generates comes back through RETURNING and is set on the
/// entity.
/// </summary>
/// <remarks>
/// For many new entities at once, such as a first import's thousand measures: tracking each one, detecting its changes
/// and batching its save cost about a second for 1,000 items in a command's fresh process, where EF's code for it runs
/// for the first time (docs/benchmarks.md). The trade-off: the entities stay untracked, so the context's save does
/// not audit them (<see cref="FrameworkAudit.Added"/> gives the caller the same events), nor does it fix up
/// navigations to them. Every column is given the entity's value, so a store default never applies (EF leaves a
/// column with one out when the entity holds its type's default); it refuses entity types with shadow properties.
/// </remarks>
internal static class UntrackedInsert
{
    public static async Task InsertAsync<T>(OutturnDbContext db, IReadOnlyList<T> entities, CancellationToken ct)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var type =
            db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var generated = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key]
            ? key
            : null;
        var columns = type.GetProperties().Where(p => p != generated).ToList();
        if (columns.Find(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException(
                $"{typeof(T).Name}.{shadow.Name} is a shadow property, which an entity cannot give a value for."
            );
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var names = columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!));
        var text =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})"
            + (generated is null ? "" : $" RETURNING {sql.DelimitIdentifier(generated.GetColumnName(table)!)}");

        await StoreCommand.RunAsync(
            db,
            text,
            async command =>
            {
                var bindings = columns
                    .Select(
                        (p, i) =>
                            (
                                Parameter: StoreCommand.Parameter(
                                    command,
                                    "@p" + i.ToString(CultureInfo.InvariantCulture)
                                ),
                                Getter: p.GetGetter(),
                                p.GetTypeMapping().Converter
                            )
                    )
                    .ToArray();
                foreach (var entity in entities)
                {
                    foreach (var (parameter, getter, converter) in bindings)
                    {
                        var value = getter.GetClrValueUsingContainingEntity(entity);
                        parameter.Value =
                            (value is not null && converter is not null ? converter.ConvertToProvider(value) : value)
                            ?? DBNull.Value;
                    }

                    if (generated is null)
                    {
                        await command.ExecuteNonQueryAsync(ct);
                    }
                    else
                    {
                        var id = await command.ExecuteScalarAsync(ct);
                        generated.PropertyInfo!.SetValue(
                            entity,
                            Convert.ChangeType(id, generated.ClrType, CultureInfo.InvariantCulture)
                        );
                    }
                }
            },
            ct
        );
    }
}
