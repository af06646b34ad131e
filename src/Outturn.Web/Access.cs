using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web;

public static class Policies
{
    public const string Publish = "publish";
}

/// <summary>
/// Who may see what. A signed-in person sees their own organisation, drafts included (administrators without an
/// organisation see every one); a visitor without an account sees published committee periods only.
/// </summary>
public sealed class Access(OutturnDbContext db, UserManager<OutturnUser> users, OutturnOptions options)
{
    /// <summary>The organisation a request is about: the signed-in person's own; for visitors and installation
    /// administrators, the configured one (Outturn:Organisation) or else the first.</summary>
    public async Task<Organisation> OrganisationAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated == true && await users.GetUserAsync(principal) is { OrganisationId: { } own })
        {
            return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == own, ct);
        }

        return await db.Organisations.AsNoTracking()
            .Where(o => options.Organisation == null || o.Name == options.Organisation)
            .OrderBy(o => o.Id).FirstOrDefaultAsync(ct)
            ?? throw new OutturnException("There is no organisation yet: import one with the outturn command.");
    }

    public async Task<bool> CanSeeDraftsAsync(ClaimsPrincipal principal, Organisation org)
    {
        if (principal.Identity?.IsAuthenticated != true || await users.GetUserAsync(principal) is not { } user)
        {
            return false;
        }

        return user.OrganisationId is null ? principal.IsInRole(Roles.Administrator) : user.OrganisationId == org.Id;
    }

    public Task<bool> IsPublishedAsync(Organisation org, string committee, string period, CancellationToken ct) =>
        db.Publications.AnyAsync(p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period, ct);

    /// <summary>The publication of a committee's period, if it is published.</summary>
    public Task<Publication?> PublicationAsync(Organisation org, string committee, string period, CancellationToken ct) =>
        db.Publications.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period, ct);

    public async Task<IReadOnlyList<string>> PublishedPeriodsAsync(Organisation org, string committee, CancellationToken ct) =>
        await db.Publications.Where(p => p.OrganisationId == org.Id && p.Committee == committee).OrderByDescending(p => p.Period).Select(p => p.Period).ToListAsync(ct);

    /// <summary>Publishes a committee's period. A period that has not ended cannot be published: what is public is
    /// every figure up to the last published month, so publishing a future month would open figures nobody chose to.</summary>
    public async Task PublishAsync(Organisation org, string committee, string period, string who, DateTime when, CancellationToken ct, string? snapshot = null)
    {
        if (!Domain.Periods.Period.TryParse(period, out var parsed) || !parsed.HasEndedBy(DateOnly.FromDateTime(when)))
        {
            throw new OutturnException($"{period} has not ended yet: a period can be published once it is over.");
        }

        if (!await IsPublishedAsync(org, committee, period, ct))
        {
            db.Publications.Add(new Publication { OrganisationId = org.Id, Committee = committee, Period = period, PublishedAt = when, PublishedBy = who, Snapshot = snapshot });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Measure owners, performance officers and administrators of the organisation enter figures.</summary>
    public async Task<bool> CanEnterAsync(ClaimsPrincipal principal, Organisation org) =>
        await CanSeeDraftsAsync(principal, org)
        && (principal.IsInRole(Roles.Administrator) || principal.IsInRole(Roles.PerformanceOfficer) || principal.IsInRole(Roles.MeasureOwner));

    /// <summary>May this person enter figures for this item: officers and administrators for any, a measure owner
    /// for the items whose owner is their user name or display name.</summary>
    public async Task<bool> CanEnterAsync(ClaimsPrincipal principal, Organisation org, Item item) =>
        await CanEnterAsync(principal, org)
        && (principal.IsInRole(Roles.Administrator) || principal.IsInRole(Roles.PerformanceOfficer)
            || (await users.GetUserAsync(principal) is { } user && Owns(user, item)));

    public static bool Owns(OutturnUser user, Item item) =>
        item.Owner is { } owner && (owner.Equals(user.UserName, StringComparison.OrdinalIgnoreCase) || owner.Equals(user.DisplayName, StringComparison.OrdinalIgnoreCase));
}
