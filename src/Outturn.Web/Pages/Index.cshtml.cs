using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Pages;

/// <summary>The organisation's priorities with their summary for the latest quarter, and its committees; for a
/// visitor without an account, only the committees' published periods.</summary>
[AllowAnonymous]
public sealed class IndexModel(
    EvaluationService evaluations,
    Access access,
    Data.Cycle.CollectionService collection,
    Microsoft.AspNetCore.Identity.UserManager<Data.Entities.OutturnUser> users,
    TimeProvider clock
) : PageModel
{
    /// <summary>The month the attention lists are for: the latest with figures.</summary>
    public Period Month { get; private set; }

    /// <summary>For a person who owes figures: how many of theirs for <see cref="Month"/> are in each state.</summary>
    public IReadOnlyDictionary<Domain.Cycle.CollectionState, int> Owed { get; private set; } =
        new Dictionary<Domain.Cycle.CollectionState, int>();

    /// <summary>For a performance officer: what needs attention for <see cref="Month"/>, by kind, across every
    /// item.</summary>
    public IReadOnlyList<Domain.Cycle.AttentionItem> Attention { get; private set; } = [];

    public bool Officer { get; private set; }

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
        if (User.Allows(Policies.EnterFigures))
        {
            Month = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
            var round = await collection.DueAsync(org, Month, ct);
            if (await users.GetUserAsync(User) is { } me)
            {
                Owed = round
                    .Where(r => Data.Cycle.CollectionService.Owns(me, r.Item))
                    .GroupBy(r => r.Standing.State)
                    .ToDictionary(g => g.Key, g => g.Count());
            }

            Officer = User.Allows(Policies.ApproveFigures);
            if (Officer)
            {
                Attention = collection.Attention(await evaluations.EvaluateAsync(org, Month, ct: ct), round, Month);
            }
        }

        Summaries = await evaluations.SummariseAsync(org, Period, SummaryGrouping.Priority, ct: ct);
    }
}
