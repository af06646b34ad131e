using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Outturn.Domain.Rating;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Outturn.Reports.Tests;

/// <summary>Trend charts people can read: round ticks in the measure's unit with gridlines, periods in words spaced
/// through the series, the target and England named where their lines end, a year-to-date measure's years drawn
/// apart; the same scale and words in Word.</summary>
public class ChartTests
{
    [Theory]
    [InlineData(22.84, 31.13, false, 22, 32, 2)]
    [InlineData(0, 97, false, 0, 100, 20)]
    [InlineData(1234, 5678, false, 1000, 6000, 1000)]
    [InlineData(3, 17, true, 0, 20, 5)]
    [InlineData(50, 50, false, 44, 56, 2)]
    [InlineData(0, 0, false, 0, 1, 0.2)]
    [InlineData(-3.2, 4.1, false, -4, 6, 2)]
    [InlineData(0.012, 0.047, false, 0.01, 0.05, 0.01)]
    public void The_axis_runs_between_round_numbers_a_round_step_apart(
        double low,
        double high,
        bool fromZero,
        double min,
        double max,
        double step
    )
    {
        var scale = ChartScale.For((decimal)low, (decimal)high, fromZero);
        Assert.Equal(((decimal)min, (decimal)max, (decimal)step), (scale.Min, scale.Max, scale.Step));
    }

    [Fact]
    public void Any_range_is_covered_by_three_to_eleven_round_ticks()
    {
        var random = new Random(20261202);
        for (var n = 0; n < 2000; n++)
        {
            var a = (decimal)Math.Round((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-2, 7)), 3);
            var b = a + (decimal)Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-2, 7)), 3);
            var scale = ChartScale.For(a, b);
            Assert.True(scale.Min <= a && scale.Max >= b, $"{a}..{b} → {scale}");
            Assert.InRange(scale.Ticks.Count, 3, 11);
            var mantissa = scale.Step;
            while (mantissa >= 10)
            {
                mantissa /= 10;
            }

            while (mantissa < 1)
            {
                mantissa *= 10;
            }

            Assert.Contains(mantissa, new[] { 1m, 2m, 5m });
            Assert.Equal(0, scale.Min % scale.Step);
        }
    }

    [Theory]
    [InlineData("Percentage", 24, 2, "24%")]
    [InlineData("Money", 1500, 500, "£1,500")]
    [InlineData("Count", 12000, 2000, "12,000")]
    [InlineData("Rate", 0.25, 0.05, "0.25")]
    [InlineData("Rate", -4, 2, "-4")]
    [InlineData("Percentage", 7.5, 2.5, "7.5%")]
    public void A_tick_is_labelled_in_the_measures_unit_with_the_places_its_step_needs(
        string unit,
        double tick,
        double step,
        string expected
    ) => Assert.Equal(expected, new ChartScale(0, 100, (decimal)step).Label((decimal)tick, unit));

    private static ChartBlock Cumulative()
    {
        // Complaints so far this year, month by month over two financial years: the count falls back each April.
        var points = new List<ChartPoint>();
        foreach (var (year, month) in Enumerable.Range(0, 24).Select(i => (2016 + ((i + 3) / 12), ((i + 3) % 12) + 1)))
        {
            var sinceApril = ((month + 8) % 12) + 1;
            var period = Domain.Periods.Period.Month(year, month);
            points.Add(
                new ChartPoint(period.ToString(), 10.4m * sinceApril, 9m * sinceApril, Rag.Green, 10m * sinceApril)
                {
                    StartsYear = month == 4,
                }
            );
        }

        return new ChartBlock("Trend: Complaints received", "24 figures.", points, "Count");
    }

    [Fact]
    public void A_trend_chart_has_round_ticks_gridlines_words_and_named_lines()
    {
        var html = HtmlWriter.ChartHtml(Cumulative(), 1);

        // Title first, in the page's type, above the chart.
        Assert.Matches(
            "^<figure class=\"chart\">\\s*<figcaption><span class=\"chart-title\">Trend: Complaints received</span>",
            html
        );
        var ticks = Regex.Matches(
            html,
            "<text class=\"label\" x=\"58\" y=\"[0-9.]+\" text-anchor=\"end\">([^<]+)</text>"
        );
        Assert.Equal(["0", "50", "100", "150"], ticks.Select(m => m.Groups[1].Value));
        Assert.Equal(ticks.Count, Regex.Count(html, "<line class=\"grid\""));

        var axis = Regex
            .Matches(html, "<text class=\"label\" x=\"[0-9.]+\" y=\"212\" text-anchor=\"[a-z]+\">([^<]+)</text>")
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal("Apr 2016", axis[0]);
        Assert.Equal("Mar 2018", axis[^1]);
        Assert.InRange(axis.Count, 2, 6);
        Assert.All(axis, a => Assert.Matches("^[A-Z][a-z]{2} [0-9]{4}$", a));

        Assert.Contains(">Target</text>", html, StringComparison.Ordinal);
        Assert.Contains(">England</text>", html, StringComparison.Ordinal);
        // Each year its own line, for the figure, the target and England alike.
        Assert.Equal(2, Regex.Count(html, "<polyline class=\"values\""));
        Assert.Equal(2, Regex.Count(html, "<polyline class=\"target\""));
        Assert.Equal(2, Regex.Count(html, "<polyline class=\"national\""));
        Assert.Contains("each year starts again", html, StringComparison.Ordinal);
        // The data table names periods in full.
        Assert.Contains("<th scope=\"row\">April 2016</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">2016-04<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_names_ending_together_at_the_foot_stay_apart_and_inside_the_plot()
    {
        // Target and England both end on the axis, the lowest figure drawn.
        var points = Enumerable
            .Range(1, 12)
            .Select(m => new ChartPoint(Domain.Periods.Period.Month(2017, m).ToString(), 50 + m, 0, Rag.Green, 0))
            .ToList();
        var html = HtmlWriter.ChartHtml(new ChartBlock("Trend: x", "12 figures.", points, "Count"), 3);
        var ys = Regex
            .Matches(html, "<text class=\"label line-name\" x=\"[0-9.]+\" y=\"([0-9.]+)\">")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(2, ys.Count);
        Assert.True(Math.Abs(ys[0] - ys[1]) >= 12, string.Join(", ", ys));
        Assert.All(ys, y => Assert.InRange(y, 0, 226 - 30 + 4));
    }

    [Fact]
    public void A_snapshot_measures_line_is_unbroken()
    {
        var chart = Cumulative();
        chart = chart with { Points = [.. chart.Points.Select(p => p with { StartsYear = false })] };
        var html = HtmlWriter.ChartHtml(chart, 2);
        Assert.Equal(1, Regex.Count(html, "<polyline class=\"values\""));
        Assert.DoesNotContain("each year starts again", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_draws_the_same_scale_and_words()
    {
        var chart = Cumulative();
        var doc = new ReportDocument("Charts", "A test", [new ReportSection("Trends", [chart])]);
        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        var space = word.MainDocumentPart!.ChartParts.Single().ChartSpace;
        var axis = space.Descendants<C.ValueAxis>().Single();
        Assert.Equal(0, axis.Descendants<C.MinAxisValue>().Single().Val!.Value);
        Assert.Equal(150, axis.Descendants<C.MaxAxisValue>().Single().Val!.Value);
        Assert.Equal(50, axis.Descendants<C.MajorUnit>().Single().Val!.Value);
        Assert.Equal("#,##0", axis.Descendants<C.NumberingFormat>().Single().FormatCode!.Value);
        // Each year its own series, so the line starts again in April; the key names each line once.
        var series = space.Descendants<C.LineChartSeries>().ToList();
        Assert.Equal(
            ["Figure", "Figure", "Target", "Target", "England", "England"],
            series.Select(s => s.Descendants<C.SeriesText>().Single().InnerText)
        );
        Assert.Equal(
            [1u, 3u, 5u],
            space.Descendants<C.LegendEntry>().Select(e => e.GetFirstChild<C.Index>()!.Val!.Value)
        );
        static int[] Filled(C.LineChartSeries s) =>
            [.. s.Descendants<C.Values>().Single().Descendants<C.NumericPoint>().Select(p => (int)p.Index!.Value)];
        Assert.Equal(Enumerable.Range(0, 12), Filled(series[0]));
        Assert.Equal(Enumerable.Range(12, 12), Filled(series[1]));
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var categories = series[0].Descendants<C.CategoryAxisData>().Single().Descendants<C.StringPoint>();
        Assert.Equal("Apr 2016", categories.First().InnerText);
    }
}
