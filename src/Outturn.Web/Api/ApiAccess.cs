using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>Who is calling the API about an organisation, and what they may do.</summary>
/// <param name="HasCredentials">A token or a signed-in person (so a refusal is 403, not 401).</param>
/// <param name="SeesDrafts">The organisation's own token or people: every figure, published or not.</param>
/// <param name="CanWrite">A write-scoped token, or the organisation's performance officers and administrators.</param>
/// <param name="ByToken">Authenticated by an API token (a browser's cookie otherwise, or nobody).</param>
public sealed record ApiCaller(
    Organisation Organisation,
    bool HasCredentials,
    bool SeesDrafts,
    bool CanWrite,
    bool ByToken,
    string Who,
    string Source
);

/// <summary>
/// The API's access rules. A bearer token speaks for its own organisation only (403 elsewhere; 401 when unknown,
/// expired or revoked). A browser's cookie speaks for its person, with the web app's rules. Without either, only
/// published figures are readable: a figure is published when a committee that its item is reported to has a
/// published period ending on or after the figure's period.
/// </summary>
public sealed class ApiAccess(OutturnDbContext db, Access access)
{
    public async Task<Organisation?> FindOrganisationAsync(string slug, CancellationToken ct) =>
        (await db.Organisations.AsNoTracking().ToListAsync(ct)).FirstOrDefault(o => Slug.Of(o.Name) == slug);

    /// <summary>The caller for <paramref name="slug"/>, or the problem to answer with.</summary>
    public async Task<(ApiCaller? Caller, IResult? Problem)> ResolveAsync(
        HttpContext http,
        string slug,
        CancellationToken ct
    )
    {
        if (await FindOrganisationAsync(slug, ct) is not { } org)
        {
            return (
                null,
                ApiResults.Problem(
                    404,
                    "No such organisation",
                    $"There is no organisation '{slug}'. GET /api/v1/organisations lists them."
                )
            );
        }

        if (ApiTokenAuthentication.BearerOf(http.Request) is not null)
        {
            var result = await http.AuthenticateAsync(ApiTokenAuthentication.SchemeName);
            if (!result.Succeeded)
            {
                return (
                    null,
                    ApiResults.Unauthorised(http, "The token is unknown, expired or revoked.", invalidToken: true)
                );
            }

            var principal = result.Principal!;
            if (
                principal.FindFirst(ApiTokenAuthentication.OrganisationClaim)?.Value
                != org.Id.ToString(CultureInfo.InvariantCulture)
            )
            {
                return (
                    null,
                    ApiResults.Problem(
                        403,
                        "Another organisation's token",
                        $"This token belongs to another organisation and cannot be used for '{slug}'."
                    )
                );
            }

            var write = principal.FindFirst(ApiTokenAuthentication.ScopeClaim)?.Value == "write";
            var name = principal.FindFirst(ApiTokenAuthentication.TokenNameClaim)?.Value;
            return (
                new ApiCaller(org, true, true, write, true, principal.Identity!.Name!, $"API token '{name}'"),
                null
            );
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var drafts = await access.CanSeeDraftsAsync(user, org);
            var write = drafts && user.Allows(Policies.WriteApi);
            return (new ApiCaller(org, true, drafts, write, false, user.Identity.Name!, "API (web app)"), null);
        }

        return (new ApiCaller(org, false, false, false, false, "", ""), null);
    }

    /// <summary>What a visitor may see of each item's figures (<see cref="Access.PublishedUntilAsync"/>).</summary>
    public Task<Dictionary<int, int>> PublishedUntilAsync(Organisation org, CancellationToken ct) =>
        access.PublishedUntilAsync(org, ct);

    public Task<bool> IsPublishedAsync(Organisation org, string committee, Period period, CancellationToken ct) =>
        access.IsPublishedAsync(org, committee, period.ToString(), ct);
}
