using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Domain.Periods;

namespace Outturn.Data.Storage;

/// <summary>Marks an organisation's data as changed (<see cref="Organisation.DataVersion"/>, and
/// <see cref="Organisation.VisitorVersion"/> when visitors could see the change): atomic UPDATEs, inside the caller's
/// transaction if there is one, so a rolled-back change leaves the versions as they were.</summary>
public static class DataVersion
{
    /// <summary>A change visitors may see (framework, scheme, publications, a published figure): both versions go
    /// up.</summary>
    public static Task BumpAsync(OutturnDbContext db, int organisationId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync(
            $"""
            UPDATE organisations SET data_version = data_version + 1, visitor_version = visitor_version + 1
            WHERE id = {organisationId}
            """,
            ct
        );

    /// <summary>Figures changed, the earliest of them in a period ending in month <paramref name="earliestEnd"/>
    /// (<see cref="Period.EndMonth"/>): the data version goes up, and the visitors' version too unless no
    /// publication (not withdrawn) opens a period ending that month or later — decision record 0008 opens a
    /// committee's figures for periods ending by the end of its published period, so a figure after every published
    /// period is seen by the organisation's own people only. Any committee's publication counts, whichever committees
    /// the figures' items are on: a page rebuilt for nothing is cheap, one kept stale is wrong. The data version is
    /// raised first, so that inside a transaction the organisation's row is locked before the publications are read
    /// and a publication made meanwhile (which raises both versions itself) commits after this change, not
    /// between.</summary>
    public static async Task BumpForFiguresAsync(
        OutturnDbContext db,
        int organisationId,
        int earliestEnd,
        CancellationToken ct = default
    )
    {
        await db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET data_version = data_version + 1 WHERE id = {organisationId}",
            ct
        );
        if (await LatestPublishedEndAsync(db, organisationId, ct) >= earliestEnd)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE organisations SET visitor_version = visitor_version + 1 WHERE id = {organisationId}",
                ct
            );
        }
    }

    /// <summary>The end month (<see cref="Period.EndMonth"/>) of the latest period any of the organisation's
    /// publications not withdrawn opens, or <see cref="int.MinValue"/> when none does.</summary>
    private static Task<int> LatestPublishedEndAsync(OutturnDbContext db, int organisationId, CancellationToken ct) =>
        StoreCommand.RunAsync(
            db,
            "SELECT DISTINCT period FROM publications WHERE organisation_id = @org AND withdrawn_at IS NULL",
            async command =>
            {
                StoreCommand.Parameter(command, "@org", organisationId);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var latest = int.MinValue;
                while (await reader.ReadAsync(ct))
                {
                    // A period that does not read (it cannot be published so) is taken to open everything.
                    latest = Math.Max(
                        latest,
                        Period.TryParse(reader.GetString(0), out var period) ? period.EndMonth : int.MaxValue
                    );
                }

                return latest;
            },
            ct
        );

    /// <summary>The organisation visitors see — the one named <paramref name="name"/>, or else the first — and its
    /// visitors' version (<see cref="Organisation.VisitorVersion"/>), or null when there is none: one row read by one
    /// small query on the context's pooled connection, without EF's query pipeline, since a cached public page asks
    /// for it on every request.</summary>
    public static Task<(int Id, long Version)?> OfVisitorsOrganisationAsync(
        OutturnDbContext db,
        string? name,
        CancellationToken ct = default
    ) =>
        StoreCommand.RunAsync<(int, long)?>(
            db,
            "SELECT id, visitor_version FROM organisations"
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
