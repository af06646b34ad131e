using System.Globalization;
using Outturn.Data.Comparisons;
using Outturn.Domain.Comparisons;

namespace Outturn.Data.Tables;

/// <summary>Comparisons as a table: one row per linked measure, for <c>outturn compare</c> and the API. Figures are
/// unrounded ("R" form); a suppressed figure's value and interval are left empty and <c>suppressed</c> is
/// true.</summary>
public static class ComparisonTable
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "ref",
        "metric",
        "period",
        "group",
        "value",
        "lower_ci_95",
        "upper_ci_95",
        "group_size",
        "group_average",
        "group_median",
        "rank",
        "joint",
        "quartile",
        "variance_pct",
        "england_value",
        "vs_england",
        "vs_group",
        "suppressed",
        "recent_trend",
    ];

    public static TextTable Of(IEnumerable<MeasureComparison> rows) =>
        new(
            Columns,
            [
                .. rows.Select(c =>
                {
                    var r = c.Result;
                    var hide = r.Suppressed;
                    return new string?[]
                    {
                        c.Ref,
                        c.Metric,
                        c.Period.ToString(),
                        c.Group,
                        hide ? null : Number(r.Own.Value),
                        hide ? null : Number(r.Ci95?.Lower),
                        hide ? null : Number(r.Ci95?.Upper),
                        r.GroupSize.ToString(CultureInfo.InvariantCulture),
                        Number(r.GroupAverage),
                        Number(r.GroupMedian),
                        r.Rank?.ToString(CultureInfo.InvariantCulture),
                        r.Rank is null ? null
                        : r.Joint ? "true"
                        : "false",
                        r.Quartile?.ToString(CultureInfo.InvariantCulture),
                        hide ? null : Number(r.VariancePercent),
                        Number(r.EnglandValue),
                        hide ? null : r.VsEngland.Code(),
                        hide ? null : r.VsGroup.Code(),
                        hide ? "true" : "false",
                        c.Trend?.Code,
                    };
                }),
            ]
        );

    /// <summary>The same for people to read at a terminal: figures to three significant places, the rank "2nd of
    /// 16", the interval as one cell, fewer columns.</summary>
    public static TextTable Readable(IEnumerable<MeasureComparison> rows) =>
        new(
            [
                "ref",
                "period",
                "value",
                "95% interval",
                "rank",
                "quartile",
                "group average",
                "variance",
                "England",
                "vs England",
                "vs group",
            ],
            [
                .. rows.Select(c =>
                {
                    var r = c.Result;
                    var hide = r.Suppressed;
                    return new string?[]
                    {
                        c.Ref,
                        c.Period.ToString(),
                        hide ? "*" : Short(r.Own.Value),
                        hide || r.Ci95 is not { } ci ? null : $"{Short(ci.Lower)} to {Short(ci.Upper)}",
                        r.RankText,
                        r.Quartile?.ToString(CultureInfo.InvariantCulture),
                        Short(r.GroupAverage),
                        hide || r.VariancePercent is not { } v
                            ? null
                            : v.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture) + "%",
                        Short(r.EnglandValue),
                        hide ? null : r.VsEngland.Word(),
                        hide ? null : r.VsGroup.Word(),
                    };
                }),
            ]
        );

    private static string? Short(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
