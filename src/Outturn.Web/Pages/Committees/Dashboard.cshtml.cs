using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Reports;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;

namespace Outturn.Web.Pages.Committees;

/// <summary>A committee's monthly dashboard: the same document as the dashboard report, laid out with GOV.UK styles.</summary>
public sealed class DashboardModel(EvaluationService evaluations, ReportBuilder builder, TimeProvider clock) : PageModel
{
    public string Committee { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public ReportDocument Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string committee, string? period, CancellationToken ct)
    {
        var org = await evaluations.FindOrganisationAsync(null, ct);
        if (!(await evaluations.CommitteesAsync(org, ct)).Contains(committee))
        {
            return NotFound();
        }

        var latest = await evaluations.LatestPeriodAsync(org, PeriodKind.Month, ct) ?? Period.Month(2018, 3);
        Periods = [.. Enumerable.Range(0, 36).Select(i => latest.Shift(-i))];
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

        Committee = committee;
        Report = await builder.BuildAsync(new ReportRequest(org, ReportLayout.Dashboard, Period, committee, clock.GetUtcNow()), ct);
        return Page();
    }
}
