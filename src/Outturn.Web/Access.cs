using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// What each role may do, by name: the one place roles become permissions. Pages and endpoints name a policy
/// (<c>[Authorize(Policy = Policies.ManageFramework)]</c>); markup that offers or hides a link asks
/// <see cref="Allows"/>, which reads the same table. Seeing an organisation's unpublished figures is a separate
/// rule of its own (<see cref="Access.CanSeeDraftsAsync"/>): every policy here is within one's own organisation.
/// </summary>
public static class Policies
{
    /// <summary>Publish a committee's period: from then on anyone may see it.</summary>
    public const string Publish = "publish";

    /// <summary>Change the framework: measures, committees, the rating scheme.</summary>
    public const string ManageFramework = "manage-framework";

    /// <summary>Import figures and measures from files.</summary>
    public const string Upload = "upload";

    /// <summary>Write committee reports around a layout.</summary>
    public const string WriteReports = "write-reports";

    /// <summary>Make and revoke the organisation's API tokens.</summary>
    public const string ManageTokens = "manage-tokens";

    /// <summary>Write figures through the API from a signed-in browser.</summary>
    public const string WriteApi = "write-api";

    /// <summary>Add people, change their roles, remove their access.</summary>
    public const string ManagePeople = "manage-people";

    /// <summary>Enter figures and commentary (a measure owner for their own measures only).</summary>
    public const string EnterFigures = "enter-figures";

    /// <summary>Enter figures for any measure, whoever owns it.</summary>
    public const string EnterAnyFigure = "enter-any-figure";

    /// <summary>Set a measure's targets while entering its figures.</summary>
    public const string SetTargets = "set-targets";

    /// <summary>See the collection round, approve and return figures.</summary>
    public const string ApproveFigures = "approve-figures";

    /// <summary>Lock and unlock months, and correct a locked month's figures giving a reason.</summary>
    public const string LockPeriods = "lock-periods";

    /// <summary>Upload national data and comparator groups, which every organisation in the database shares.</summary>
    public const string ManageNationalData = "manage-national-data";

    private static readonly string[] Officers = [Roles.Administrator, Roles.PerformanceOfficer];

    /// <summary>The roles that hold each policy.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesFor = new Dictionary<
        string,
        IReadOnlyList<string>
    >
    {
        [Publish] = Officers,
        [ManageFramework] = Officers,
        [Upload] = Officers,
        [WriteReports] = Officers,
        [ManageTokens] = Officers,
        [WriteApi] = Officers,
        [ManagePeople] = [Roles.Administrator],
        [ManageNationalData] = [Roles.Administrator],
        [EnterFigures] = [Roles.Administrator, Roles.PerformanceOfficer, Roles.MeasureOwner],
        [EnterAnyFigure] = Officers,
        [SetTargets] = Officers,
        [ApproveFigures] = Officers,
        [LockPeriods] = Officers,
    };

    public static void AddOutturnPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesFor)
        {
            options.AddPolicy(name, p => p.RequireRole(roles));
        }
    }

    /// <summary>True when the person holds <paramref name="policy"/> by their roles.</summary>
    public static bool Allows(this ClaimsPrincipal user, string policy) => RolesFor[policy].Any(user.IsInRole);
}

/// <summary>
/// Who may see what, the one service pages, downloads, the API and open data ask (decision 0008). A signed-in person
/// sees their own organisation, drafts included (administrators without an organisation see every one); a visitor
/// sees a published committee period's dashboard as it was published, and the figures published up to then.
/// </summary>
public sealed class Access(OutturnDbContext db, UserManager<OutturnUser> users, OutturnOptions options)
{
    private ClaimsPrincipal? _principal;
    private OutturnUser? _user;

    /// <summary>The signed-in person's account, read once per request (this service lives for one): a page asks
    /// for the organisation, whether drafts show and whether figures may be entered, each needing it.</summary>
    public async Task<OutturnUser?> UserAsync(ClaimsPrincipal principal)
    {
        if (!ReferenceEquals(principal, _principal))
        {
            _user = await users.GetUserAsync(principal);
            _principal = principal;
        }

        return _user;
    }

    /// <summary>The organisation a request is about: the signed-in person's own; for visitors and installation
    /// administrators, the configured one (Outturn:Organisation) or else the first.</summary>
    public async Task<Organisation> OrganisationAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated == true && await UserAsync(principal) is { OrganisationId: { } own })
        {
            return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == own, ct);
        }

        return await db
                .Organisations.AsNoTracking()
                .Where(o => options.Organisation == null || o.Name == options.Organisation)
                .OrderBy(o => o.Id)
                .FirstOrDefaultAsync(ct)
            ?? throw new OutturnException("There is no organisation yet: import one with the outturn command.");
    }

    public async Task<bool> CanSeeDraftsAsync(ClaimsPrincipal principal, Organisation org)
    {
        if (principal.Identity?.IsAuthenticated != true || await UserAsync(principal) is not { } user)
        {
            return false;
        }

        return user.OrganisationId is null ? principal.IsInRole(Roles.Administrator) : user.OrganisationId == org.Id;
    }

    public Task<bool> IsPublishedAsync(Organisation org, string committee, string period, CancellationToken ct) =>
        db.Publications.AnyAsync(
            p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period && p.WithdrawnAt == null,
            ct
        );

    /// <summary>The publication of a committee's period, if it was ever published (a withdrawn one too: callers
    /// check <see cref="Publication.WithdrawnAt"/>).</summary>
    public Task<Publication?> PublicationAsync(
        Organisation org,
        string committee,
        string period,
        CancellationToken ct
    ) =>
        db
            .Publications.AsNoTracking()
            .SingleOrDefaultAsync(
                p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period,
                ct
            );

    public async Task<IReadOnlyList<string>> PublishedPeriodsAsync(
        Organisation org,
        string committee,
        CancellationToken ct
    ) =>
        await db
            .Publications.Where(p => p.OrganisationId == org.Id && p.Committee == committee && p.WithdrawnAt == null)
            .OrderByDescending(p => p.Period)
            .Select(p => p.Period)
            .ToListAsync(ct);

    /// <summary>For each item with published figures, the end (month index) of the latest period published for any
    /// committee it is reported to: a visitor may see its figures of periods ending then or before (decision 0008).
    /// Items absent have nothing published.</summary>
    public async Task<Dictionary<int, int>> PublishedUntilAsync(Organisation org, CancellationToken ct)
    {
        var publications = await db
            .Publications.AsNoTracking()
            .Where(p => p.OrganisationId == org.Id && p.WithdrawnAt == null)
            .Select(p => new { p.Committee, p.Period })
            .ToListAsync(ct);
        var byCommittee = publications
            .Select(p =>
                (
                    p.Committee,
                    End: Domain.Periods.Period.TryParse(p.Period, out var period) ? period.EndMonth : int.MinValue
                )
            )
            .GroupBy(p => p.Committee)
            .ToDictionary(g => g.Key, g => g.Max(p => p.End));
        var links = await db
            .ItemCommittees.AsNoTracking()
            .Where(ic => ic.Committee!.OrganisationId == org.Id)
            .Select(ic => new { ic.ItemId, ic.Committee!.Name })
            .ToListAsync(ct);
        var until = new Dictionary<int, int>();
        foreach (var link in links)
        {
            if (
                byCommittee.TryGetValue(link.Name, out var end)
                && (!until.TryGetValue(link.ItemId, out var known) || end > known)
            )
            {
                until[link.ItemId] = end;
            }
        }

        return until;
    }

    /// <summary>Publishes a committee's period (<see cref="Publishing.PublishAsync"/>).</summary>
    public Task PublishAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        CancellationToken ct,
        string? snapshot = null,
        PublishedCovering? covering = null
    ) => new Publishing(db).PublishAsync(org, committee, period, who, when, ct, snapshot, covering);

    /// <summary>Publishes a corrected version of a published period (<see cref="Publishing.CorrectAsync"/>).</summary>
    public Task CorrectAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string note,
        string snapshot,
        CancellationToken ct,
        PublishedCovering? covering = null
    ) => new Publishing(db).CorrectAsync(org, committee, period, who, when, note, snapshot, ct, covering);

    /// <summary>Withdraws a publication (<see cref="Publishing.WithdrawAsync"/>).</summary>
    public Task WithdrawAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string reason,
        CancellationToken ct
    ) => new Publishing(db).WithdrawAsync(org, committee, period, who, when, reason, ct);

    /// <summary>The earlier versions of a publication, oldest first.</summary>
    public async Task<IReadOnlyList<PublicationVersion>> VersionsAsync(Publication publication, CancellationToken ct) =>
        await db
            .PublicationVersions.AsNoTracking()
            .Where(v => v.PublicationId == publication.Id)
            .OrderBy(v => v.Version)
            .ToListAsync(ct);

    /// <summary>Measure owners, performance officers and administrators of the organisation enter figures.</summary>
    public async Task<bool> CanEnterAsync(ClaimsPrincipal principal, Organisation org) =>
        principal.Allows(Policies.EnterFigures) && await CanSeeDraftsAsync(principal, org);

    /// <summary>May this person enter figures for this item: officers and administrators for any, a measure owner
    /// for the items whose owner is their user name or display name.</summary>
    public async Task<bool> CanEnterAsync(ClaimsPrincipal principal, Organisation org, Item item) =>
        await CanEnterAsync(principal, org)
        && (principal.Allows(Policies.EnterAnyFigure) || (await UserAsync(principal) is { } user && Owns(user, item)));

    /// <summary>Whether the item's owner names this person (<see cref="Data.Cycle.CollectionService.Owns"/>: their
    /// user name, name or email address).</summary>
    public static bool Owns(OutturnUser user, Item item) => Data.Cycle.CollectionService.Owns(user, item);
}
