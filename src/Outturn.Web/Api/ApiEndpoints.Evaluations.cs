using Outturn.Data.Storage;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Api;

/// <summary>The API's ratings, directions of travel and summaries.</summary>
public static partial class ApiEndpoints
{
    private static async Task<IResult> ListEvaluations(
        string org,
        string? period,
        string? committee,
        string? priority,
        HttpContext http,
        ApiAccess access,
        EvaluationService evaluations,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (p, refused) = await PeriodForAsync(http, caller!, access, evaluations, period, committee, ct);
        if (refused is not null)
        {
            return refused;
        }

        var items = await evaluations.EvaluateAsync(caller!.Organisation, p, committee, ct: ct);
        return ApiResults.Json(
            http,
            items.Where(i => priority is null || i.Priority == priority).Select(EvaluationRecord.Of).ToList()
        );
    }

    private static async Task<IResult> ListSummaries(
        string org,
        string? period,
        string? by,
        string? committee,
        int? years,
        HttpContext http,
        ApiAccess access,
        EvaluationService evaluations,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!Enum.TryParse<SummaryGrouping>(by ?? "priority", true, out var grouping) || int.TryParse(by, out _))
        {
            return ApiResults.Problem(400, "Bad grouping", $"by '{by}' is not priority or committee.");
        }

        if (years is < 1 or > 5)
        {
            return ApiResults.Problem(400, "Bad years", "years is 1 to 5.");
        }

        var (p, refused) = await PeriodForAsync(http, caller!, access, evaluations, period, committee, ct);
        if (refused is not null)
        {
            return refused;
        }

        var summaries = await evaluations.SummariseAsync(
            caller!.Organisation,
            p,
            grouping,
            years: years ?? 1,
            committee: committee,
            ct: ct
        );
        // A published committee's items may be reported to other committees too: without the organisation's token or
        // people, no row is given for a committee other than the published one asked for.
        var shown =
            caller.SeesDrafts || grouping != SummaryGrouping.Committee
                ? summaries
                : summaries.Where(s => s.Group == committee || s.Group == GroupSummaries.AllGroup);
        return ApiResults.Json(http, shown.Select(SummaryRecord.Of).ToList());
    }
}
