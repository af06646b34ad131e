using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Entry;

/// <summary>What is due from the signed-in person for a month (their measures whose own period ends that month, with
/// how many are done), and every earlier period of the year before it still without a figure, so that nothing
/// outstanding hides behind the month shown.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.EnterFigures)]
public sealed class IndexModel(
    Access access,
    EvaluationService evaluations,
    UserManager<OutturnUser> users,
    Data.Cycle.CollectionService collection,
    OutturnDbContext db,
    TimeProvider clock
) : PageModel
{
    public Period Month { get; private set; }
    public IReadOnlyList<Period> Months { get; private set; } = [];
    public IReadOnlyList<(ItemEvaluation Item, Period Due, bool Entered)> Due { get; private set; } = [];

    /// <summary>Each due figure's deadline and collection state, by item id and period.</summary>
    public IReadOnlyDictionary<(int, Period), Domain.Cycle.CollectionStanding> Standings { get; private set; } =
        new Dictionary<(int, Period), Domain.Cycle.CollectionStanding>();

    /// <summary>What a performance officer said when they returned a figure, by item id and period.</summary>
    public IReadOnlyDictionary<(int, Period), string> Returned { get; private set; } =
        new Dictionary<(int, Period), string>();

    public string? Submitted { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>Periods ended in the twelve months before <see cref="Month"/> with nothing entered, oldest
    /// first.</summary>
    public IReadOnlyList<(ItemEvaluation Item, Period Due)> Outstanding { get; private set; } = [];

    public int Done => Due.Count(d => d.Entered);

    public async Task<IActionResult> OnGetAsync(string? period, string? submitted, CancellationToken ct)
    {
        Submitted = submitted;
        return await LoadAsync(period, ct);
    }

    /// <summary>The owner submits an entered figure for a performance officer to approve.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(
        string? reference,
        string? period,
        string? month,
        CancellationToken ct
    )
    {
        var org = await access.OrganisationAsync(User, ct);
        var key = reference is null ? null : Item.KeyOf(reference);
        var item = await db
            .Items.AsNoTracking()
            .SingleOrDefaultAsync(i => i.OrganisationId == org.Id && i.RefKey == key, ct);
        if (item is null || !Period.TryParse(period, out var p))
        {
            return NotFound();
        }

        if (!await access.CanEnterAsync(User, org, item))
        {
            return Forbid();
        }

        try
        {
            await collection.StepAsync(
                org,
                item.Ref,
                p,
                Domain.Cycle.CollectionStep.Submitted,
                User.Identity!.Name!,
                null,
                ct
            );
        }
        catch (OutturnException ex)
        {
            Problem = ex.Message;
            return await LoadAsync(month, ct);
        }

        return Redirect(
            $"/entry?period={Uri.EscapeDataString(month ?? p.ToString())}&submitted={Uri.EscapeDataString(item.Ref)}"
        );
    }

    private async Task<IActionResult> LoadAsync(string? period, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanEnterAsync(User, org))
        {
            return Forbid();
        }

        var latest = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
        Months = [.. Enumerable.Range(-1, 25).Select(i => latest.Shift(-i))];
        Month = period is not null && Period.TryParse(period, out var p) && p.Kind == PeriodKind.Month ? p : latest;
        var user = await users.GetUserAsync(User);
        var everything = User.Allows(Policies.EnterAnyFigure);
        var items = (await evaluations.EvaluateAsync(org, Month, ct))
            .Where(i => everything || Access.Owns(user!, i.Item))
            .ToList();
        static bool Entered(ItemEvaluation i, Period p) =>
            i.Item.Kind == ItemKind.Action
                ? i.Series.At(p)?.Status is not null
                : i.Series.At(p)?.Value is { Kind: not Domain.Values.OutturnKind.Missing }
                    || i.Series.At(p)?.Value.MissingReason is not null;
        Due =
        [
            .. items
                .Select(i => (Item: i, Due: Period.Containing(i.Profile.Frequency.NativePeriodKind(), Month.EndMonth)))
                .Where(x => x.Due.EndMonth == Month.EndMonth)
                .Select(x => (x.Item, x.Due, Entered(x.Item, x.Due))),
        ];
        var round = await collection.DueAsync(org, Month, ct);
        Standings = round.ToDictionary(r => (r.Item.Id, r.Period), r => r.Standing);
        Returned = round
            .Where(r => r is { Latest: { Step: Domain.Cycle.CollectionStep.Returned, Reason: not null } })
            .ToDictionary(r => (r.Item.Id, r.Period), r => r.Latest!.Reason!);
        Outstanding =
        [
            .. items
                .SelectMany(i =>
                    EarlierPeriods(i.Profile.Frequency.NativePeriodKind(), Month).Select(p => (Item: i, Due: p))
                )
                .Where(x =>
                    !Entered(x.Item, x.Due) && x.Item.Series.Entries.Any(e => e.Period.EndMonth < x.Due.StartMonth)
                )
                .OrderBy(x => x.Due.EndMonth)
                .ThenBy(x => x.Item.Item.SortOrder),
        ];
        return Page();
    }

    /// <summary>The periods of <paramref name="kind"/> that ended in the twelve months before <paramref
    /// name="month"/>.</summary>
    private static List<Period> EarlierPeriods(PeriodKind kind, Period month)
    {
        var periods = new List<Period>();
        for (var p = Period.Containing(kind, month.EndMonth - 1); p.EndMonth >= month.EndMonth - 12; p = p.Previous())
        {
            if (p.EndMonth < month.EndMonth)
            {
                periods.Add(p);
            }
        }

        return periods;
    }
}
