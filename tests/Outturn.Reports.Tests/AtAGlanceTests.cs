using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Summaries;
using Outturn.Reports.Model;

namespace Outturn.Reports.Tests;

/// <summary>A dashboard opens with how its items did at a glance and a key to only the ratings and directions it
/// uses; a quarterly report's key shows only the ratings its scheme gives.</summary>
public class AtAGlanceTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task The_dashboard_opens_with_its_summary_and_counts_that_add_up()
    {
        const string committee = "Towns and Communities Scrutiny";
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03", committee);
        var glance = doc.Sections[0];
        Assert.Equal(("At a glance", true), (glance.Title, glance.IsKey));

        var items = await new EvaluationService(demo.Db).EvaluateAsync(
            demo.Organisation,
            Period.Parse("2018-03"),
            committee
        );
        var all = GroupSummaries
            .Of(items, Period.Parse("2018-03"), SummaryGrouping.Committee, DirectionBasis.ShortTerm)
            .Single(g => g.Group == GroupSummaries.AllGroup)
            .Summary;
        var sentence = Assert.IsType<ParagraphBlock>(glance.Blocks[0]).Text;
        Assert.StartsWith(
            $"{all.MetOrOnTrack} of {all.ItemsRated} rated items ({all.MetOrOnTrackPercent}%) met or exceeded",
            sentence,
            StringComparison.Ordinal
        );
        Assert.Contains($"{all.Improved} of {all.MeasuresWithDirection} measures", sentence, StringComparison.Ordinal);

        var ratings = Assert.IsType<TableBlock>(glance.Blocks[1]);
        Assert.Equal(items.Count, ratings.Rows.Sum(r => (int)r.Cells[1].Number!.Value));
        foreach (var row in ratings.Rows)
        {
            Assert.Equal(
                items.Count(i => i.Evaluation.Rating.Final == row.Cells[0].Rating),
                (int)row.Cells[1].Number!.Value
            );
        }

        var directions = Assert.IsType<TableBlock>(glance.Blocks[2]);
        Assert.Equal(
            items.Select(i => i.Evaluation.ShownShort).OfType<Direction>().Distinct().Order(),
            directions.Rows.Select(r => r.Cells[0].Direction!.Value)
        );
        // Not in the CSV, which is one row per item.
        Assert.DoesNotContain("At a glance", Writers.CsvWriter.Write(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_shows_blue_and_amber_only_when_the_scheme_or_an_item_gives_them()
    {
        var twoState = RatingScheme.Default with { AmberTolerance = Domain.Values.Tolerance.Zero, BlueMargin = null };
        Assert.Equal([Rag.Green, Rag.Red], Layouts.Legend.RatingsUsed(twoState, [Rag.Green]));
        Assert.Equal(
            [Rag.Blue, Rag.Green, Rag.Red, Rag.NoData],
            Layouts.Legend.RatingsUsed(twoState, [Rag.Blue, Rag.NoData])
        );
        var full = RatingScheme.Default with { BlueMargin = Domain.Values.Tolerance.Relative(2) };
        Assert.Equal([Rag.Blue, Rag.Green, Rag.Amber, Rag.Red], Layouts.Legend.RatingsUsed(full, []));
    }
}
