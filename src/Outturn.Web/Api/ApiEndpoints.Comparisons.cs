using Outturn.Data.Comparisons;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>The API's comparisons with other councils (docs/comparisons.md).</summary>
public static partial class ApiEndpoints
{
    private static async Task<IResult> ListComparisons(
        string org,
        string? period,
        string? group,
        HttpContext http,
        ApiAccess access,
        ComparisonService comparisons,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        Period? at = null;
        if (period is not null)
        {
            if (!Period.TryParse(period, out var p, out var error))
            {
                return ApiResults.Problem(400, "Bad period", $"period: {error}");
            }

            at = p;
        }

        if (caller!.Organisation.AreaCode is null)
        {
            return ApiResults.Json(http, Array.Empty<ComparisonRecord>());
        }

        IReadOnlyList<MeasureComparison> rows;
        try
        {
            rows = await comparisons.CompareAsync(caller.Organisation, at, group, ct: ct);
        }
        catch (OutturnException ex)
        {
            return ApiResults.Problem(404, "Not found", ex.Message);
        }

        if (!caller.SeesDrafts)
        {
            rows = await PublicAsync(access, caller.Organisation, rows, ct);
        }

        return ApiResults.Json(http, rows.Select(ComparisonRecord.Of).ToList());
    }

    /// <summary>The comparisons anyone may see: national figures are public; the council's own figure, where the
    /// national data have none, only where publishing opened it. For the API's visitors and open data alike.</summary>
    internal static async Task<IReadOnlyList<MeasureComparison>> PublicAsync(
        ApiAccess access,
        Data.Entities.Organisation organisation,
        IReadOnlyList<MeasureComparison> rows,
        CancellationToken ct
    )
    {
        var until = await access.PublishedUntilAsync(organisation, ct);
        return
        [
            .. rows.Where(r =>
                !r.OwnFromEntry || (until.TryGetValue(r.ItemId, out var end) && r.Period.EndMonth <= end)
            ),
        ];
    }
}

/// <summary>One linked measure compared with its group, England and its region: the columns of
/// <c>outturn compare</c>.</summary>
public sealed record ComparisonRecord(
    string Ref,
    string Metric,
    string Period,
    string? Group,
    double? Value,
    double? LowerCi95,
    double? UpperCi95,
    int GroupSize,
    double? GroupAverage,
    double? GroupMedian,
    int? Rank,
    bool Joint,
    int? Quartile,
    double? VariancePct,
    double? EnglandValue,
    double? RegionValue,
    string VsEngland,
    string VsRegion,
    string VsGroup,
    bool Suppressed,
    string? RecentTrend
)
{
    public static ComparisonRecord Of(MeasureComparison c)
    {
        var r = c.Result;
        var hide = r.Suppressed;
        return new(
            c.Ref,
            c.Metric,
            c.Period.ToString(),
            c.Group,
            hide ? null : r.Own.Value,
            hide ? null : r.Ci95?.Lower,
            hide ? null : r.Ci95?.Upper,
            r.GroupSize,
            r.GroupAverage,
            r.GroupMedian,
            r.Rank,
            r.Joint,
            r.Quartile,
            hide ? null : r.VariancePercent,
            r.EnglandValue,
            r.RegionValue,
            hide ? "not_compared" : r.VsEngland.Code(),
            hide ? "not_compared" : r.VsRegion.Code(),
            hide ? "not_compared" : r.VsGroup.Code(),
            hide,
            c.Trend?.Code
        );
    }
}
