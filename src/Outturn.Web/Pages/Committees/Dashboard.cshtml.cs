using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Reports;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;

namespace Outturn.Web.Pages.Committees;

/// <summary>A committee's monthly dashboard: the same document as the dashboard report, laid out with GOV.UK styles.</summary>
[AllowAnonymous]
public sealed class DashboardModel(EvaluationService evaluations, ReportBuilder builder, ReportCache cache, TimeProvider clock, Access access, IAuthorizationService authorization) : PageModel
{
    public bool SeesDrafts { get; private set; }
    public bool IsPublished { get; private set; }
    public bool CanPublish { get; private set; }

    public string Committee { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public ReportDocument Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string committee, string? period, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!(await evaluations.CommitteesAsync(org, ct)).Contains(committee))
        {
            return NotFound();
        }

        SeesDrafts = await access.CanSeeDraftsAsync(User, org);
        var published = await access.PublishedPeriodsAsync(org, committee, ct);
        var latest = SeesDrafts ? await evaluations.LatestPeriodAsync(org, PeriodKind.Month, ct) ?? Period.Month(2018, 3)
            : published.Count > 0 ? Period.Parse(published[0]) : default;
        if (!SeesDrafts && published.Count == 0)
        {
            return Challenge();
        }

        Periods = SeesDrafts ? [.. Enumerable.Range(0, 36).Select(i => latest.Shift(-i))] : [.. published.Select(Period.Parse)];
        if (period is null)
        {
            Period = latest;
        }
        else if (!Period.TryParse(period, out var p) || p.Kind != PeriodKind.Month)
        {
            return NotFound();
        }
        else
        {
            Period = p;
        }

        IsPublished = published.Contains(Period.ToString());
        if (!SeesDrafts && !IsPublished)
        {
            // Not published: a visitor is asked to sign in, and learns nothing of whether there are figures.
            return Challenge();
        }

        CanPublish = SeesDrafts && (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        Committee = committee;
        var request = new ReportRequest(org, ReportLayout.Dashboard, Period, committee, clock.GetUtcNow());
        Report = await cache.GetAsync(request, () => builder.BuildAsync(request, ct));
        return Page();
    }

    /// <summary>Publishes the committee's period: from then on anyone may see it. Performance officers and administrators only.</summary>
    public async Task<IActionResult> OnPostPublishAsync(string committee, string period, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!(await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded || !await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        if (!(await evaluations.CommitteesAsync(org, ct)).Contains(committee) || !Period.TryParse(period, out var p) || p.Kind != PeriodKind.Month)
        {
            return NotFound();
        }

        await access.PublishAsync(org, committee, p.ToString(), User.Identity!.Name!, clock.GetUtcNow().UtcDateTime, ct);
        return RedirectToPage(new { committee, period = p.ToString() });
    }
}
