using System.Globalization;
using Outturn.Domain.Statistics;

namespace Outturn.Data.Tables;

/// <summary>A measure's XmR chart as a table, one row per figure, for <c>outturn spc</c>.</summary>
public static class SpcTable
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "period",
        "value",
        "mean",
        "lower_limit",
        "upper_limit",
        "point_type",
        "rule",
        "baseline",
    ];

    public static TextTable Of(MeasureSpcChart chart) =>
        new(
            Columns,
            [
                .. chart.Chart.Points.Select(
                    (p, i) =>
                        new string?[]
                        {
                            chart.Periods[i].ToString(),
                            N(p.Value),
                            N(p.Mean),
                            N(p.LowerLimit),
                            N(p.UpperLimit),
                            MeasureSpc.Code(p.Variation),
                            MeasureSpc.Code(p.Rule),
                            (p.Baseline + 1).ToString(CultureInfo.InvariantCulture),
                        }
                ),
            ]
        );

    /// <summary>Six significant places after the point at most, as the published test values are given.</summary>
    private static string N(double value) =>
        Math.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);
}
