using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Pages;

/// <summary>The organisation's priorities with their summary for the latest quarter, and its committees; for a
/// visitor without an account, only the committees' published periods.</summary>
[AllowAnonymous]
public sealed class IndexModel(EvaluationService evaluations, Access access, TimeProvider clock) : PageModel
{
    public bool SeesDrafts { get; private set; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Published { get; private set; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public string Organisation { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<GroupSummary> Summaries { get; private set; } = [];
    public IReadOnlyList<string> Committees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Organisation = org.Name;
        Committees = await evaluations.CommitteesAsync(org, ct);
        SeesDrafts = await access.CanSeeDraftsAsync(User, org);
        if (!SeesDrafts)
        {
            var published = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var c in Committees)
            {
                published[c] = await access.PublishedPeriodsAsync(org, c, ct);
            }

            Published = published;
            return;
        }

        Period = await evaluations.ReportingPeriodAsync(org, PeriodKind.FinancialQuarter, clock.GetUtcNow(), ct);
        Summaries = await evaluations.SummariseAsync(org, Period, SummaryGrouping.Priority, ct: ct);
    }
}
