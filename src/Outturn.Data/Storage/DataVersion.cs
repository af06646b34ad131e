using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>Marks an organisation's data as changed (<see cref="Organisation.DataVersion"/>): one atomic UPDATE, inside
/// the caller's transaction if there is one, so a rolled-back change leaves the version as it was.</summary>
public static class DataVersion
{
    public static Task BumpAsync(OutturnDbContext db, int organisationId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET data_version = data_version + 1 WHERE id = {organisationId}",
            ct
        );

    /// <summary>The organisation visitors see — the one named <paramref name="name"/>, or else the first — and its
    /// data version, or null when there is none: one row read by one small query on the context's pooled
    /// connection, without EF's query pipeline, since a cached public page asks for it on every request.</summary>
    public static Task<(int Id, long Version)?> OfVisitorsOrganisationAsync(
        OutturnDbContext db,
        string? name,
        CancellationToken ct = default
    ) =>
        StoreCommand.RunAsync<(int, long)?>(
            db,
            "SELECT id, data_version FROM organisations"
                + (name is null ? "" : " WHERE name = @name")
                + " ORDER BY id LIMIT 1",
            async command =>
            {
                if (name is not null)
                {
                    StoreCommand.Parameter(command, "@name", name);
                }

                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetInt64(1)) : null;
            },
            ct
        );
}
