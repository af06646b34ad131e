using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>The audit trail's kinds of event, as stored and as the CSV export writes them.</summary>
public static class AuditKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string PasswordResetAsked = "password-reset-asked";
    public const string PasswordReset = "password-reset";
    public const string Published = "published";
    public const string Corrected = "corrected";
    public const string Withdrawn = "withdrawn";
    public const string Collection = "collection";
    public const string PersonAdded = "person-added";
    public const string RoleChanged = "role-changed";
    public const string AccessChanged = "access-changed";
    public const string PersonChanged = "person-changed";
    public const string TokenIssued = "token-issued";
    public const string TokenRevoked = "token-revoked";
    public const string CoveringSaved = "covering-report-saved";
    public const string Locked = "period-locked";
    public const string Unlocked = "period-unlocked";

    /// <summary>A change to the framework or the organisation's scheme and settings (<see
    /// cref="FrameworkAudit"/>).</summary>
    public const string FrameworkChanged = "framework-changed";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn,
        SignInFailed,
        PasswordResetAsked,
        PasswordReset,
        Published,
        Corrected,
        Withdrawn,
        Collection,
        PersonAdded,
        RoleChanged,
        AccessChanged,
        PersonChanged,
        TokenIssued,
        TokenRevoked,
        CoveringSaved,
        Locked,
        Unlocked,
        FrameworkChanged,
    ];
}

/// <summary>Adds to the audit trail and reads it. Events are added in the caller's unit of work where there is one
/// (<see cref="Add"/>: saved with the change they record, or not at all), or on their own (<see
/// cref="WriteAsync"/>).</summary>
public static class AuditLog
{
    public const int MaxDetail = 2000;

    public static void Add(
        OutturnDbContext db,
        int? organisationId,
        DateTime at,
        string actor,
        string kind,
        string subject,
        string? detail = null,
        string? address = null
    ) => db.AuditEvents.Add(Create(organisationId, at, actor, kind, subject, detail, address));

    /// <summary>An event as <see cref="Add"/> adds it, for a caller that writes it itself (<see
    /// cref="UntrackedInsert"/>).</summary>
    internal static AuditEvent Create(
        int? organisationId,
        DateTime at,
        string actor,
        string kind,
        string subject,
        string? detail = null,
        string? address = null
    ) =>
        new()
        {
            OrganisationId = organisationId,
            At = at,
            Actor = actor.Length > 256 ? actor[..256] : actor,
            Kind = kind,
            Subject = subject.Length > 400 ? subject[..400] : subject,
            Detail = detail is { Length: > MaxDetail } ? detail[..MaxDetail] : detail,
            Address = address,
        };

    public static async Task WriteAsync(
        OutturnDbContext db,
        int? organisationId,
        DateTime at,
        string actor,
        string kind,
        string subject,
        string? detail = null,
        string? address = null,
        CancellationToken ct = default
    )
    {
        Add(db, organisationId, at, actor, kind, subject, detail, address);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>When each of <paramref name="userNames"/> last signed in (by password or through the organisation's
    /// provider), from the audit trail; a person who never has is not in the answer.</summary>
    public static async Task<IReadOnlyDictionary<string, DateTime>> LastSignInsAsync(
        OutturnDbContext db,
        IReadOnlyCollection<string> userNames,
        CancellationToken ct = default
    ) =>
        await db
            .AuditEvents.Where(e => e.Kind == AuditKinds.SignIn && userNames.Contains(e.Subject))
            .GroupBy(e => e.Subject)
            .Select(g => new { Name = g.Key, At = g.Max(e => e.At) })
            .ToDictionaryAsync(x => x.Name, x => x.At, StringComparer.Ordinal, ct);

    /// <summary>What the audit trail is narrowed to: a kind, who did it (a user name, exactly), and words found in
    /// what the event concerns or its detail (ignoring case).</summary>
    public sealed record Filter(string? Kind = null, string? Actor = null, string? Text = null);

    /// <summary>The organisation's events (and, with <paramref name="installation"/>, those of no organisation), newest
    /// first, filtered; <paramref name="skip"/> of them passed over, at most <paramref name="limit"/> read.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> ReadAsync(
        OutturnDbContext db,
        int? organisationId,
        bool installation,
        Filter filter,
        int skip,
        int limit,
        CancellationToken ct = default
    ) =>
        await Matching(db, organisationId, installation, filter)
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Skip(skip)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>How many events <see cref="ReadAsync"/> would read without a limit.</summary>
    public static Task<int> CountAsync(
        OutturnDbContext db,
        int? organisationId,
        bool installation,
        Filter filter,
        CancellationToken ct = default
    ) => Matching(db, organisationId, installation, filter).CountAsync(ct);

    private static IQueryable<AuditEvent> Matching(
        OutturnDbContext db,
        int? organisationId,
        bool installation,
        Filter filter
    )
    {
        var (kind, actor) = (filter.Kind, filter.Actor);
        var text = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim().ToLowerInvariant();
        // Lower case on both sides, as SQL: EF translates ToLower and Contains on SQLite and PostgreSQL alike, and
        // not the overload taking a StringComparison.
#pragma warning disable CA1862
        return db
            .AuditEvents.AsNoTracking()
            .Where(e => e.OrganisationId == organisationId || (installation && e.OrganisationId == null))
            .Where(e => kind == null || e.Kind == kind)
            .Where(e => actor == null || e.Actor == actor)
            .Where(e =>
                text == null
                || e.Subject.ToLower().Contains(text)
                || (e.Detail != null && e.Detail.ToLower().Contains(text))
            );
#pragma warning restore CA1862
    }
}
