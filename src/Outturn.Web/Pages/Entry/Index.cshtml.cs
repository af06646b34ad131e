using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
    TimeProvider clock
) : PageModel
{
    public Period Month { get; private set; }
    public IReadOnlyList<Period> Months { get; private set; } = [];
    public IReadOnlyList<(ItemEvaluation Item, Period Due, bool Entered)> Due { get; private set; } = [];

    /// <summary>Periods ended in the twelve months before <see cref="Month"/> with nothing entered, oldest
    /// first.</summary>
    public IReadOnlyList<(ItemEvaluation Item, Period Due)> Outstanding { get; private set; } = [];

    public int Done => Due.Count(d => d.Entered);

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken ct)
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
