using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Data.Cycle;

/// <summary>One person's digest, who they are, who else was told of their escalated figures, and the email.</summary>
public sealed record DigestRow(
    OutturnUser Person,
    Digest Digest,
    IReadOnlyList<OutturnUser> EscalatedTo,
    EmailMessage? Message
);

/// <summary>
/// Reminders and escalation by email: one digest per person per run (what is due from them soon, overdue, returned
/// to them, and others' figures escalated to them), each reminder sent once. A reminder is claimed in the database
/// (<see cref="ReminderSent"/>, unique per person and reminder) before its email goes, so several instances of the
/// app on one database never send it twice; a failed send gives the claim back, to be tried on the next run.
/// </summary>
public sealed class ReminderService(
    OutturnDbContext db,
    TimeProvider clock,
    EmailSettings email,
    ReminderSettings settings,
    string? baseAddress
)
{
    private readonly CollectionService _collection = new(db, clock);

    /// <summary>The digests due now for the figures of <paramref name="period"/>'s round, or (null) of the rounds of
    /// the last two months that have ended (the one being collected, and the one before, whose late figures are still
    /// chased and escalated); an older round is reminded of by naming it.</summary>
    public async Task<IReadOnlyList<DigestRow>> PlanAsync(
        Organisation org,
        Period? period,
        CancellationToken ct = default
    )
    {
        var today = _collection.Today;
        var thisMonth = Period.Month(today.Year, today.Month);
        IEnumerable<Period> periods = period is { } p ? [p] : [thisMonth.Shift(-1), thisMonth.Shift(-2)];
        var rows = new List<CollectionRow>();
        foreach (var month in periods)
        {
            rows.AddRange(await _collection.DueAsync(org, month, ct));
        }

        var people = (await _collection.PeopleAsync(org, ct)).ToDictionary(u => u.Id);
        var officerRole = await db
            .Roles.Where(r => r.Name == Roles.PerformanceOfficer)
            .Select(r => r.Id)
            .ToListAsync(ct);
        var officers = await db
            .UserRoles.Where(ur => officerRole.Contains(ur.RoleId))
            .Select(ur => ur.UserId)
            .ToListAsync(ct);
        officers = [.. officers.Where(o => IsActive(people, o))];
        var sent = (
            await db
                .RemindersSent.AsNoTracking()
                .Where(r => r.OrganisationId == org.Id)
                .Select(r => new { r.PersonId, r.Key })
                .ToListAsync(ct)
        )
            .Select(r => (r.PersonId, r.Key))
            .ToHashSet();
        var owed = rows.Where(r => r.OwnerPerson is not null)
            .DistinctBy(r => (r.Item.Id, r.Period))
            .Select(r => new OwedFigure(
                r.OwnerPerson!.Id,
                r.OwnerPerson.ManagerId,
                r.Item.Ref,
                r.Item.Title,
                r.Period,
                r.Standing,
                r.Latest is { Step: CollectionStep.Returned } returned ? returned.Id : null
            ));
        var digests = ReminderPlanner.Plan(
            owed,
            officers,
            today,
            settings,
            (person, key) => sent.Contains((person, key))
        );
        return
        [
            .. digests
                .Where(d => IsActive(people, d.Person))
                .OrderBy(d => Name(people[d.Person]), StringComparer.OrdinalIgnoreCase)
                .Select(d =>
                {
                    var person = people[d.Person];
                    var to = d.EscalatedTo.Where(people.ContainsKey).Select(id => people[id]).ToList();
                    return new DigestRow(person, d, to, MessageFor(org, person, d, people));
                }),
        ];
    }

    /// <summary>A person of the organisation whose access is not removed (locked out).</summary>
    private bool IsActive(Dictionary<string, OutturnUser> people, string id) =>
        people.TryGetValue(id, out var u) && (u.LockoutEnd is null || u.LockoutEnd < clock.GetUtcNow());

    /// <summary>Sends the digests due now; returns those sent. Nothing is sent when email is not configured.</summary>
    public Task<IReadOnlyList<DigestRow>> SendAsync(Organisation org, Period? period, CancellationToken ct = default) =>
        Diagnostics.Jobs.RunAsync("email", () => SendDigestsAsync(org, period, ct));

    private async Task<IReadOnlyList<DigestRow>> SendDigestsAsync(
        Organisation org,
        Period? period,
        CancellationToken ct
    )
    {
        if (!email.IsConfigured)
        {
            throw new OutturnException(
                "No email server is configured: set Outturn:Email:Host (or --smtp), or list the digests with --dry-run."
            );
        }

        var sender = new EmailSender(email);
        var done = new List<DigestRow>();
        foreach (var row in await PlanAsync(org, period, ct))
        {
            if (row.Message is null)
            {
                continue;
            }

            var claims = row
                .Digest.Lines.Select(l => new ReminderSent
                {
                    OrganisationId = org.Id,
                    PersonId = row.Person.Id,
                    Key = l.Key,
                    SentAt = clock.GetUtcNow().UtcDateTime,
                })
                .ToList();
            db.RemindersSent.AddRange(claims);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance claimed one of them first: it sends this digest.
                foreach (var c in claims)
                {
                    db.Entry(c).State = EntityState.Detached;
                }

                continue;
            }

            try
            {
                await sender.SendAsync([row.Message], ct);
                done.Add(row);
            }
            catch (Exception ex)
                when (ex
                        is MailKit.ProtocolException
                            or MailKit.CommandException
                            or IOException
                            or System.Net.Sockets.SocketException
                )
            {
                db.RemindersSent.RemoveRange(claims);
                await db.SaveChangesAsync(CancellationToken.None);
                throw new OutturnException($"Could not send the reminder to {row.Person.Email}: {ex.Message}");
            }
        }

        return done;
    }

    private EmailMessage? MessageFor(
        Organisation org,
        OutturnUser person,
        Digest digest,
        Dictionary<string, OutturnUser> people
    )
    {
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            return null;
        }

        var cc =
            person.DeputyId is { } deputy
            && people.TryGetValue(deputy, out var d)
            && !string.IsNullOrWhiteSpace(d.Email)
                ? new[] { d.Email! }
                : [];
        var counts = new List<string>();
        void Count(ReminderKind kind, string one, string many)
        {
            var n = digest.Of(kind).Count();
            if (n > 0)
            {
                counts.Add(n == 1 ? one : $"{n} {many}");
            }
        }

        Count(ReminderKind.Overdue, "1 figure overdue", "figures overdue");
        Count(ReminderKind.Returned, "1 figure returned to you", "figures returned to you");
        Count(ReminderKind.DueSoon, "1 figure due soon", "figures due soon");
        Count(ReminderKind.Escalated, "1 overdue figure of others", "overdue figures of others");
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Dear {Name(person)},\n\n");
        body.Append(CultureInfo.InvariantCulture, $"This is {org.Name}'s performance reminder.\n");
        Section(
            body,
            "Overdue",
            digest.Of(ReminderKind.Overdue),
            l => $"due {Day(l.Figure.Standing.Deadline)}, {Late(l)}"
        );
        Section(
            body,
            "Returned to you",
            digest.Of(ReminderKind.Returned),
            l => $"due {Day(l.Figure.Standing.Deadline)}"
        );
        Section(body, "Due soon", digest.Of(ReminderKind.DueSoon), l => $"due {Day(l.Figure.Standing.Deadline)}");
        Section(
            body,
            "Overdue from others (escalated to you)",
            digest.Of(ReminderKind.Escalated),
            l => $"owed by {(people.TryGetValue(l.Figure.Owner, out var o) ? Name(o) : "its owner")}, {Late(l)}"
        );
        body.Append("\nYou receive one message like this at most once a day, listing only what is new.\n");
        return new EmailMessage(person.Email!, cc, $"{org.Name}: {string.Join(", ", counts)}", body.ToString());
    }

    private void Section(
        StringBuilder body,
        string heading,
        IEnumerable<ReminderLine> lines,
        Func<ReminderLine, string> words
    )
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"\n{heading}:\n");
        foreach (var l in list)
        {
            body.Append(
                CultureInfo.InvariantCulture,
                $"- {l.Figure.Title} ({l.Figure.Ref}), {l.Figure.Period.Label}: {words(l)}\n  {Link(l.Figure)}\n"
            );
        }
    }

    private string Link(OwedFigure f) =>
        $"{(baseAddress ?? "").TrimEnd('/')}/measures/{Uri.EscapeDataString(f.Ref)}/enter"
        + $"?period={Uri.EscapeDataString(f.Period.ToString())}";

    private static string Name(OutturnUser u) => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName;

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Late(ReminderLine l) =>
        l.Figure.Standing.DaysOverdue == 1 ? "1 day late" : $"{l.Figure.Standing.DaysOverdue} days late";
}
