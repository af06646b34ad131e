using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Statistics;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Pages;

/// <summary>The organisation's priorities with their summary for the latest quarter, and its committees; for a
/// visitor without an account, only the committees' published periods.</summary>
[AllowAnonymous]
[CachedForVisitors]
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

    /// <summary>For a councillor: each committee's items to challenge in <see cref="Month"/> — red, then amber, then
    /// any other whose latest figure is a special-cause concern — with its latest published period.</summary>
    public IReadOnlyList<CommitteeChallenges> ToChallenge { get; private set; } = [];

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
                Attention = collection.Attention(
                    await evaluations.EvaluateAsync(org, Month, ct: ct),
                    round,
                    Month,
                    await collection.PeopleAsync(org, ct)
                );
            }
        }

        if (User.IsInRole(Data.Entities.Roles.Councillor))
        {
            Month = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
            var items = await evaluations.EvaluateAsync(org, Month, ct: ct);
            var list = new List<CommitteeChallenges>();
            foreach (var committee in Committees)
            {
                var theirs = items.Where(i => i.Committees.Contains(committee)).ToList();
                list.Add(
                    new CommitteeChallenges(
                        committee,
                        theirs.Count,
                        CommitteeChallenges.Of(theirs),
                        await access.PublishedPeriodsAsync(org, committee, ct) is { Count: > 0 } published
                            ? published[0]
                            : null
                    )
                );
            }

            ToChallenge = list;
        }

        Summaries = await evaluations.SummariseAsync(org, Period, SummaryGrouping.Priority, ct: ct);
    }
}

/// <summary>A committee's items for a councillor to challenge, and how many it has.</summary>
/// <param name="LatestPublished">The committee's latest published period, or null.</param>
public sealed record CommitteeChallenges(
    string Committee,
    int Items,
    IReadOnlyList<Challenge> Challenges,
    string? LatestPublished
)
{
    /// <summary>Red first, then amber, then a figure that is a special-cause concern whatever its rating; each in the
    /// committee's order.</summary>
    public static IReadOnlyList<Challenge> Of(IEnumerable<Domain.Reporting.EvaluatedItem> items) =>
        [
            .. items
                .Select(i => new Challenge(i, i.Evaluation.Rating.Final, i.Spc()?.Chart.Variation))
                .Where(c => c.Rating is Rag.Red or Rag.Amber || c.Variation == SpcVariation.Concern)
                .OrderBy(c =>
                    c.Rating switch
                    {
                        Rag.Red => 0,
                        Rag.Amber => 1,
                        _ => 2,
                    }
                ),
        ];
}

/// <summary>An item to challenge: its rating, and its statistical process control signal where it has one.</summary>
public sealed record Challenge(Domain.Reporting.EvaluatedItem Item, Rag Rating, SpcVariation? Variation)
{
    /// <summary>The GOV.UK tag a rating is shown in, beside its word (never the colour alone).</summary>
    public static string TagClass(Rag rating) =>
        rating switch
        {
            Rag.Red => "govuk-tag govuk-tag--red",
            Rag.Amber => "govuk-tag govuk-tag--yellow",
            _ => "govuk-tag govuk-tag--grey",
        };
}
