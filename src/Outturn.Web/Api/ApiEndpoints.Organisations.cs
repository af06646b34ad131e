using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Api;

/// <summary>The API's organisations, their frameworks and their publications.</summary>
public static partial class ApiEndpoints
{
    private static async Task<IResult> ListOrganisations(HttpContext http, OutturnDbContext db, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        return ApiResults.Json(http, orgs.Select(o => OrganisationOf(http, o)).ToList());
    }

    private static async Task<IResult> GetOrganisation(
        string org,
        HttpContext http,
        ApiAccess access,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        return problem ?? ApiResults.Json(http, OrganisationOf(http, caller!.Organisation));
    }

    private static OrganisationRecord OrganisationOf(HttpContext http, Data.Entities.Organisation o) =>
        new(
            Slug.Of(o.Name),
            o.Name,
            "April",
            o.AmberTolerance,
            o.BlueMargin,
            o.MissingRating,
            o.DirectionTolerance,
            PublicAddress.Of(http, $"/api/v1/organisations/{Slug.Of(o.Name)}")
        );

    private static async Task<IResult> GetFramework(
        string org,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var id = caller!.Organisation.Id;
        var priorities = await db
            .Priorities.AsNoTracking()
            .Where(p => p.OrganisationId == id)
            .Include(p => p.Themes)
            .OrderBy(p => p.SortOrder)
            .ToListAsync(ct);
        var committees = await db
            .Committees.AsNoTracking()
            .Where(c => c.OrganisationId == id)
            .OrderBy(c => c.SortOrder)
            .Select(c => c.Name)
            .ToListAsync(ct);
        return ApiResults.Json(
            http,
            new FrameworkRecord(
                [
                    .. priorities.Select(p => new PriorityRecord(
                        p.Name,
                        [.. p.Themes.OrderBy(t => t.SortOrder).Select(t => t.Name)]
                    )),
                ],
                committees
            )
        );
    }

    private static async Task<IResult> ListPublications(
        string org,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var list = await db
            .Publications.AsNoTracking()
            .Where(p => p.OrganisationId == caller!.Organisation.Id)
            .OrderBy(p => p.Committee)
            .ThenBy(p => p.PublishedAt)
            .ToListAsync(ct);
        return ApiResults.Json(
            http,
            list.Select(p => new PublicationRecord(
                    p.Committee,
                    p.Period,
                    DateTime.SpecifyKind(p.PublishedAt, DateTimeKind.Utc),
                    p.Version,
                    p.CorrectedAt is { } c ? DateTime.SpecifyKind(c, DateTimeKind.Utc) : null,
                    p.CorrectionNote,
                    p.WithdrawnAt is { } w ? DateTime.SpecifyKind(w, DateTimeKind.Utc) : null,
                    p.WithdrawnReason
                ))
                .ToList()
        );
    }
}
