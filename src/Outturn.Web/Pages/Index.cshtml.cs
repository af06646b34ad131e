using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages;

/// <summary>The organisation's priorities with their summary for the latest quarter, and its committees.</summary>
public sealed class IndexModel(EvaluationService evaluations) : PageModel
{
    public string Organisation { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<GroupSummary> Summaries { get; private set; } = [];
    public IReadOnlyList<string> Committees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = await evaluations.FindOrganisationAsync(null, ct);
        Organisation = org.Name;
        Period = await evaluations.LatestPeriodAsync(org, PeriodKind.FinancialQuarter, ct) ?? Period.FinancialYear(2017);
        Summaries = await evaluations.SummariseAsync(org, Period, SummaryGrouping.Priority, ct: ct);
        Committees = await evaluations.CommitteesAsync(org, ct);
    }
}
