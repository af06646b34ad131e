using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Domain.Summaries;
using Outturn.Reports.Model;

namespace Outturn.Web.Pages.Priorities;

/// <summary>All measures and actions of one priority for the latest quarter, with the priority's summary.</summary>
public sealed class ScorecardModel(
    Access access,
    EvaluationService evaluations,
    ReportMaker reports,
    TimeProvider clock
) : PageModel
{
    public string Priority { get; private set; } = "";
    public Period Period { get; private set; }
    public GroupSummary Summary { get; private set; } = null!;
    public ReportDocument Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string priority, CancellationToken ct)
    {
        priority = RouteText.Decode(priority);
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        Period = await evaluations.ReportingPeriodAsync(org, PeriodKind.FinancialQuarter, clock.GetUtcNow(), ct);
        var summary = (await evaluations.SummariseAsync(org, Period, SummaryGrouping.Priority, ct: ct)).FirstOrDefault(
            g => g.Group == priority && g.Group != GroupSummaries.AllGroup
        );
        if (summary is null)
        {
            return NotFound();
        }

        Priority = priority;
        Summary = summary;
        var report = await reports.GetAsync(
            new ReportRequest(org, ReportLayout.Dashboard, Period, null, clock.GetUtcNow()),
            ct
        );
        Report = report with { Sections = [.. report.Sections.Where(s => s.Title == priority)] };
        return Page();
    }
}
