using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>Marks an organisation's data as changed (<see cref="Organisation.DataVersion"/>): one atomic UPDATE, inside
/// the caller's transaction if there is one, so a rolled-back change leaves the version as it was.</summary>
public static class DataVersion
{
    public static Task BumpAsync(OutturnDbContext db, int organisationId, CancellationToken ct = default) =>
        db
            .Organisations.Where(o => o.Id == organisationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DataVersion, o => o.DataVersion + 1), ct);
}
