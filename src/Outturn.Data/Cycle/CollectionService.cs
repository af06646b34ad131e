using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Data.Cycle;

/// <summary>One item's figure for one of its periods in a collection round: who owes it, by when, and where it
/// stands.</summary>
public sealed record CollectionRow(
    Item Item,
    Period Period,
    OutturnUser? OwnerPerson,
    CollectionStanding Standing,
    CollectionRecord? Latest
)
{
    /// <summary>The owner as the framework names them (a person's name, or the free text imported).</summary>
    public string? Owner => OwnerPerson?.DisplayName is { Length: > 0 } name ? name : Item.Owner;

    public string? OwnerEmail => OwnerPerson?.Email;

    /// <summary>When the figure was last changed; null when there is no entry.</summary>
    public DateTime? FigureAt { get; init; }
}

/// <summary>
/// The monthly cycle's collection rounds: for a period, every figure its items' frequencies make due, with its
/// deadline (the measure's rule or the organisation's, in working days of its region), its state, and the steps
/// people take on it (submit, approve, return, reopen), each kept in <see cref="CollectionRecord"/>.
/// </summary>
public sealed class CollectionService(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>The longest reason a step may carry.</summary>
    public const int MaxReasonLength = 2000;

    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Today as it is in the United Kingdom.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

    /// <summary>The organisation's working days: weekdays less its region's bank holidays and its own
    /// holidays.</summary>
    public async Task<WorkingCalendar> CalendarAsync(Organisation org, CancellationToken ct = default)
    {
        var own = await db
            .Holidays.AsNoTracking()
            .Where(h => h.OrganisationId == org.Id)
            .Select(h => h.Date)
            .ToListAsync(ct);
        return new WorkingCalendar(BankHolidays.Of(RegionOf(org)).Select(h => h.Date).Concat(own));
    }

    public static HolidayRegion RegionOf(Organisation org) =>
        HolidayRegions.TryParse(org.HolidayRegion, out var region) ? region : HolidayRegion.EnglandAndWales;

    public static DeadlineRule RuleOf(Organisation org, Item item) =>
        item.Deadline is { } own && DeadlineRule.TryParse(own, out var rule, out _) ? rule
        : DeadlineRule.TryParse(org.DeadlineRule, out var orgRule, out _) ? orgRule
        : DeadlineRule.Default;

    /// <summary>The periods of <paramref name="item"/>'s frequency that end within <paramref name="period"/>: for a
    /// month, the month for a monthly measure and the quarter for a quarterly one that ends then; for a quarter,
    /// each of its months for a monthly measure.</summary>
    public static IEnumerable<Period> DuePeriods(Item item, Period period)
    {
        var kind = item.Frequency.NativePeriodKind();
        for (var p = Period.Containing(kind, period.StartMonth); p.EndMonth <= period.EndMonth; p = p.Next())
        {
            if (p.EndMonth >= period.StartMonth)
            {
                yield return p;
            }
        }
    }

    /// <summary>Every figure due from the organisation's items for <paramref name="period"/>, in the framework's
    /// order, as it stands today.</summary>
    public async Task<IReadOnlyList<CollectionRow>> DueAsync(
        Organisation org,
        Period period,
        CancellationToken ct = default
    )
    {
        var items = await db
            .Items.AsNoTracking()
            .Where(i => i.OrganisationId == org.Id)
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        var wanted = items.SelectMany(i => DuePeriods(i, period).Select(p => (Item: i, Period: p))).ToList();
        var texts = wanted.Select(w => w.Period.ToString()).Distinct().ToList();
        var entries = await db
            .Entries.AsNoTracking()
            .Where(e => texts.Contains(e.Period) && db.Items.Any(i => i.Id == e.ItemId && i.OrganisationId == org.Id))
            .Select(e => new
            {
                e.ItemId,
                e.Period,
                e.ValueKind,
                e.MissingReason,
                e.Status,
                e.UpdatedAt,
            })
            .ToListAsync(ct);
        var entryOf = entries.ToDictionary(e => (e.ItemId, e.Period));
        var records = await db
            .CollectionRecords.AsNoTracking()
            .Where(r => r.OrganisationId == org.Id && texts.Contains(r.Period))
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var latestOf = new Dictionary<(int, string), CollectionRecord>();
        foreach (var r in records)
        {
            latestOf[(r.ItemId, r.Period)] = r;
        }

        var people = await PeopleAsync(org, ct);
        var calendar = await CalendarAsync(org, ct);
        var today = Today;
        var rows = new List<CollectionRow>(wanted.Count);
        foreach (var (item, p) in wanted)
        {
            var key = (item.Id, p.ToString());
            var entry = entryOf.GetValueOrDefault(key);
            var entered =
                entry is not null
                && (
                    item.Kind == ItemKind.Action
                        ? entry.Status is not null
                        : (entry.ValueKind is { } k && k != (int)Domain.Values.OutturnKind.Missing)
                            || entry.MissingReason is not null
                );
            var latest = latestOf.GetValueOrDefault(key);
            var step = latest?.Step;
            // A figure changed since it was submitted or approved is not the one that was: entered again.
            if (step is CollectionStep.Submitted or CollectionStep.Approved && entry?.UpdatedAt != latest!.FigureAt)
            {
                step = null;
            }

            var deadline = RuleOf(org, item).DeadlineFor(p, calendar);
            var standing = CollectionRules.StateOf(
                entered,
                step is CollectionStep.Reopened ? null : step,
                deadline,
                today
            );
            rows.Add(
                new CollectionRow(item, p, OwnerOf(item, people), standing, latest) { FigureAt = entry?.UpdatedAt }
            );
        }

        return rows;
    }

    /// <summary>What needs attention among <paramref name="items"/> for a month (<see cref="Attention.Check"/>), each
    /// with the standing of its own period ending in that month from <paramref name="round"/> (the month's <see
    /// cref="DueAsync"/>).</summary>
    /// <param name="people">The organisation's people (<see cref="PeopleAsync"/>), to check that each item's owner is
    /// one who can sign in; owners are not checked without them.</param>
    public IReadOnlyList<AttentionItem> Attention(
        IEnumerable<ItemEvaluation> items,
        IEnumerable<CollectionRow> round,
        Period month,
        IReadOnlyList<OutturnUser>? people = null
    )
    {
        var standings = round
            .Where(r => r.Period.EndMonth == month.EndMonth)
            .ToDictionary(r => r.Item.Id, r => r.Standing);
        var list = items.ToList();
        var byRef = list.ToDictionary(i => i.Ref, i => i.Item, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        string? OwnerProblem(Domain.Reporting.EvaluatedItem evaluated)
        {
            var item = byRef[evaluated.Ref];
            if (string.IsNullOrWhiteSpace(item.Owner))
            {
                return "no owner is named";
            }

            return OwnerOf(item, people!) switch
            {
                null => $"the owner '{item.Owner.Trim()}' is not the name of anyone who can sign in",
                { LockoutEnd: { } end } when end > now => $"the owner {item.Owner.Trim()}'s access has been removed",
                _ => null,
            };
        }

        return Domain.Cycle.Attention.Check(
            list.Select(i => ((Domain.Reporting.EvaluatedItem)i, standings.GetValueOrDefault(i.Item.Id))),
            Today,
            people is null ? null : OwnerProblem,
            month
        );
    }

    /// <summary>The organisation's people (not administrators of the whole installation).</summary>
    public async Task<IReadOnlyList<OutturnUser>> PeopleAsync(Organisation org, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.OrganisationId == org.Id).ToListAsync(ct);

    /// <summary>The person a measure's owner text names (their user name, name or email address), if any.</summary>
    public static OutturnUser? OwnerOf(Item item, IEnumerable<OutturnUser> people) =>
        item.Owner is null ? null : people.FirstOrDefault(u => Owns(u, item));

    /// <summary>Whether <paramref name="user"/> is the person <paramref name="item"/>'s owner text names.</summary>
    public static bool Owns(OutturnUser user, Item item) =>
        item.Owner is { } owner
        && (
            owner.Trim().Equals(user.UserName, StringComparison.OrdinalIgnoreCase)
            || owner.Trim().Equals(user.DisplayName, StringComparison.OrdinalIgnoreCase)
            || (user.Email is { Length: > 0 } email && owner.Trim().Equals(email, StringComparison.OrdinalIgnoreCase))
        );

    /// <summary>
    /// Takes a step on an item's figure for one of its periods. Submitting needs a figure entered and not already
    /// submitted or approved; approving and returning need it submitted (returning an approved figure is allowed too,
    /// and needs a reason); reopening withdraws a submission or an approval. Anything else is refused, saying why.
    /// </summary>
    public async Task<CollectionRow> StepAsync(
        Organisation org,
        string reference,
        Period period,
        CollectionStep step,
        string by,
        string? reason,
        CancellationToken ct = default
    )
    {
        var key = Item.KeyOf(reference);
        var item =
            await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.OrganisationId == org.Id && i.RefKey == key, ct)
            ?? throw new OutturnException($"There is no measure or action '{reference}'.");
        if (period.Kind != item.Frequency.NativePeriodKind())
        {
            throw new OutturnException(
                $"{item.Ref} is {item.Frequency.ToString().ToLowerInvariant()}: its figures are for periods such as "
                    + $"{Period.Containing(item.Frequency.NativePeriodKind(), period.EndMonth)}, not {period}."
            );
        }

        var row = (await DueAsync(org, period, ct)).Single(r => r.Item.Id == item.Id && r.Period == period);
        var state = row.Standing.State;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        string? refusal = step switch
        {
            CollectionStep.Submitted when state is CollectionState.Submitted or CollectionState.Approved =>
                $"it is already {state.Code()}",
            CollectionStep.Submitted when !row.Standing.Entered => "nothing is entered for it yet",
            CollectionStep.Approved when state is not CollectionState.Submitted =>
                $"only a submitted figure can be approved, and it is {state.Code()}",
            CollectionStep.Returned when state is not (CollectionState.Submitted or CollectionState.Approved) =>
                $"only a submitted or approved figure can be returned, and it is {state.Code()}",
            CollectionStep.Returned when reason is null => "a reason is needed to return it to its owner",
            CollectionStep.Reopened when state is not (CollectionState.Submitted or CollectionState.Approved) =>
                $"only a submitted or approved figure can be reopened, and it is {state.Code()}",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new OutturnException($"{item.Ref} {period}: cannot be {step.Code()}: {refusal}.");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            throw new OutturnException($"The reason is too long: at most {MaxReasonLength:N0} characters.");
        }

        db.CollectionRecords.Add(
            new CollectionRecord
            {
                OrganisationId = org.Id,
                ItemId = item.Id,
                Period = period.ToString(),
                Step = step,
                Reason = reason,
                By = by,
                At = clock.GetUtcNow().UtcDateTime,
                FigureAt = row.FigureAt,
            }
        );
        AuditLog.Add(
            db,
            org.Id,
            clock.GetUtcNow().UtcDateTime,
            by,
            AuditKinds.Collection,
            $"{item.Ref} {period}",
            reason is null ? step.Code() : $"{step.Code()}: {reason}"
        );
        await db.SaveChangesAsync(ct);
        return (await DueAsync(org, period, ct)).Single(r => r.Item.Id == item.Id && r.Period == period);
    }

    /// <summary>Every step taken on an item's figure for a period, oldest first.</summary>
    public async Task<IReadOnlyList<CollectionRecord>> HistoryAsync(
        Item item,
        Period period,
        CancellationToken ct = default
    )
    {
        var text = period.ToString();
        return await db
            .CollectionRecords.AsNoTracking()
            .Where(r => r.ItemId == item.Id && r.Period == text)
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
    }
}
