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

    /// <summary>Publishes a committee's period. A period that has not ended cannot be published: what is public is
    /// every figure up to the last published month, so publishing a future month would open figures nobody chose
    /// to.</summary>
    public async Task PublishAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        CancellationToken ct,
        string? snapshot = null,
        PublishedCovering? covering = null
    )
    {
        if (!Domain.Periods.Period.TryParse(period, out var parsed) || !parsed.HasEndedBy(DateOnly.FromDateTime(when)))
        {
            throw new OutturnException($"{period} has not ended yet: a period can be published once it is over.");
        }

        if (await PublicationAsync(org, committee, period, ct) is { WithdrawnAt: not null })
        {
            await CorrectAsync(
                org,
                committee,
                period,
                who,
                when,
                "published again after it was withdrawn",
                snapshot ?? "",
                ct,
                covering
            );
        }
        else if (!await IsPublishedAsync(org, committee, period, ct))
        {
            db.Publications.Add(
                new Publication
                {
                    OrganisationId = org.Id,
                    Committee = committee,
                    Period = period,
                    PublishedAt = when,
                    PublishedBy = who,
                    Snapshot = snapshot,
                    CoveringDraftId = covering?.DraftId,
                    CoveringSnapshot = covering?.Snapshot,
                }
            );
            AuditLog.Add(db, org.Id, when, who, AuditKinds.Published, $"{committee} {period}");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Publishes a corrected version of a published period: <paramref name="snapshot"/> becomes what everyone
    /// sees, stamped with <paramref name="note"/>; the version it replaces is kept, still readable. A withdrawn
    /// publication is published again this way. The covering report published with it is kept unless
    /// <paramref name="covering"/> gives another.</summary>
    public async Task CorrectAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string note,
        string snapshot,
        CancellationToken ct,
        PublishedCovering? covering = null
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var publication =
            await db.Publications.SingleOrDefaultAsync(
                p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period,
                ct
            ) ?? throw new OutturnException($"{committee} {period} is not published: publish it first.");
        db.PublicationVersions.Add(
            new PublicationVersion
            {
                PublicationId = publication.Id,
                Version = publication.Version,
                Snapshot = publication.Snapshot,
                PublishedAt = publication.CorrectedAt ?? publication.PublishedAt,
                PublishedBy = publication.CorrectedBy ?? publication.PublishedBy,
                Note = publication.CorrectionNote,
            }
        );
        AuditLog.Add(db, org.Id, when, who, AuditKinds.Corrected, $"{committee} {period}", note);
        publication.Version++;
        publication.Snapshot = snapshot;
        if (covering is not null)
        {
            (publication.CoveringDraftId, publication.CoveringSnapshot) = (covering.DraftId, covering.Snapshot);
        }

        (publication.CorrectedAt, publication.CorrectedBy, publication.CorrectionNote) = (when, who, note);
        (publication.WithdrawnAt, publication.WithdrawnBy, publication.WithdrawnReason) = (null, null, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Withdraws a publication: its figures are no longer public, and visitors are told it was withdrawn,
    /// when and why.</summary>
    public async Task WithdrawAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string reason,
        CancellationToken ct
    )
    {
        var publication =
            await db.Publications.SingleOrDefaultAsync(
                p =>
                    p.OrganisationId == org.Id
                    && p.Committee == committee
                    && p.Period == period
                    && p.WithdrawnAt == null,
                ct
            ) ?? throw new OutturnException($"{committee} {period} is not published.");
        (publication.WithdrawnAt, publication.WithdrawnBy, publication.WithdrawnReason) = (when, who, reason);
        AuditLog.Add(db, org.Id, when, who, AuditKinds.Withdrawn, $"{committee} {period}", reason);
        await db.SaveChangesAsync(ct);
    }

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

/// <summary>A covering report published with a committee's dashboard: the saved version it was built from, and the
/// paper as built then (a report document as JSON).</summary>
public sealed record PublishedCovering(long DraftId, string Snapshot);
