using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Entry;

/// <summary>What is due from the signed-in person for a month: their measures whose own period ends that month.</summary>
public sealed class IndexModel(Access access, EvaluationService evaluations, UserManager<OutturnUser> users, TimeProvider clock) : PageModel
{
    public Period Month { get; private set; }
    public IReadOnlyList<Period> Months { get; private set; } = [];
    public IReadOnlyList<(ItemEvaluation Item, Period Due, bool Entered)> Due { get; private set; } = [];

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
        var everything = User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.PerformanceOfficer);
        var items = await evaluations.EvaluateAsync(org, Month, ct);
        Due = [.. items
            .Where(i => everything || Access.Owns(user!, i.Item))
            .Select(i => (Item: i, Due: Period.Containing(i.Profile.Frequency.NativePeriodKind(), Month.EndMonth)))
            .Where(x => x.Due.EndMonth == Month.EndMonth)
            .Select(x => (x.Item, x.Due, x.Item.Item.Kind == ItemKind.Action
                ? x.Item.Series.At(x.Due)?.Status is not null
                : x.Item.Series.At(x.Due)?.Value is { Kind: not Domain.Values.OutturnKind.Missing }))];
        return Page();
    }
}
