using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class CoveringReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private const string Text = """
        committee: Cabinet
        meeting: 24 April 2018
        agenda item: 7
        author: Jo Bloggs, Head of Performance

        ## Purpose
        To report performance against the Council Plan for the fourth quarter.

        ## Recommendations
        1. That the committee notes the performance set out in Appendix A.
        2. That the committee agrees the corrective actions.

        ## Key issues
        Housing repairs improved
        for the third quarter running.
        ### Housing
        - re-lets are faster
        - the register fell
        | Activity | Progress |
        | Re-lets | On track |
        [chart: HO03]
        #### Safer communities
        [framework: Safe]

        ## Next steps
        """;

    [Fact]
    public async Task Sections_are_numbered_with_their_own_headings_and_the_layout_is_the_appendix()
    {
        var errors = new List<ImportError>();
        var draft = CoveringDraft.Parse("covering.txt", Text, errors);
        Assert.Empty(errors);
        var input = await demo.InputAsync(ReportLayout.Quarterly, "2017/18 Q4");
        Assert.Empty(CoveringReport.Check(draft, input.Items));
        var doc = CoveringReport.Build(draft, "Quarterly performance report", input, ReportBuilder.Build(input));

        Assert.Equal(("Quarterly performance report", "24 April 2018"), (doc.Title, doc.Subtitle));
        Assert.Equal(
            ["Report details", "1. Purpose", "2. Recommendations", "3. Key issues", "4. Next steps", "5. Appendices"],
            doc.Sections.Take(6).Select(s => s.Title)
        );
        var header = Assert.IsType<TableBlock>(Assert.Single(doc.Sections[0].Blocks));
        Assert.Equal(
            ["Committee", "Date of meeting", "Agenda item", "Report author"],
            header.Rows.Select(r => r.Cells[0].Text)
        );
        var issues = doc.Sections[3];
        Assert.Equal(
            "Housing repairs improved for the third quarter running.",
            Assert.IsType<ParagraphBlock>(issues.Blocks[0]).Text
        );
        var housing = Assert.Single(issues.Subsections);
        Assert.Equal("3.1 Housing", housing.Title);
        Assert.Equal(["re-lets are faster", "the register fell"], Assert.IsType<ListBlock>(housing.Blocks[0]).Items);
        Assert.Equal("Table 1", Assert.IsType<TableBlock>(housing.Blocks[1]).Caption);
        Assert.Equal("HO03", Assert.IsType<ChartBlock>(housing.Blocks[2]).ItemRef);
        var safer = Assert.Single(housing.Subsections);
        Assert.Equal("3.1.1 Safer communities", safer.Title);
        var framework = Assert.IsType<TableBlock>(Assert.Single(safer.Blocks));
        Assert.Equal(
            ["Activity", "Performance measurements", "Progress (highlights only)", "RAG"],
            framework.Columns.Select(c => c.Header)
        );
        // One row per theme of the priority, rated by its weakest rated item.
        var safeThemes = input.Items.Where(i => i.Priority == "Safe").GroupBy(i => i.Theme).ToList();
        Assert.Equal(safeThemes.Select(t => t.Key), framework.Rows.Select(r => r.Cells[0].Text));
        foreach (var (row, theme) in framework.Rows.Zip(safeThemes))
        {
            var ratings = theme.Select(i => i.Evaluation.Rating.Final).ToList();
            var expected =
                ratings.Contains(Rag.Red) ? Rag.Red
                : ratings.Contains(Rag.Amber) ? Rag.Amber
                : ratings.Contains(Rag.Green) ? Rag.Green
                : ratings.Contains(Rag.Blue) ? Rag.Blue
                : Rag.NoData;
            Assert.Equal(expected, row.Cells[3].Rating);
        }

        Assert.Equal("None.", Assert.IsType<ParagraphBlock>(Assert.Single(doc.Sections[4].Blocks)).Text);
        Assert.StartsWith("Appendix A:", doc.Sections[6].Title, StringComparison.Ordinal);

        var html = HtmlWriter.Write(doc);
        Assert.True(
            html.IndexOf("<h2>1. Purpose</h2>", StringComparison.Ordinal)
                < html.IndexOf("<h2>Appendix A:", StringComparison.Ordinal)
        );
        Assert.Contains("<h4>3.1.1 Safer communities</h4>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<ul><li>re-lets are faster</li><li>the register fell</li></ul>",
            html,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Without_a_layout_there_are_no_appendices_and_what_cannot_be_drawn_is_named()
    {
        var draft = CoveringDraft.Parse(
            "covering.txt",
            "## Purpose\nTo update.\n[chart: NOPE]\n[framework: Nowhere]",
            []
        );
        var input = await demo.InputAsync(ReportLayout.Quarterly, "2017/18 Q4");
        var problems = CoveringReport.Check(draft, input.Items);
        Assert.Equal(2, problems.Count);
        Assert.Contains("[chart: NOPE] is not a measure of this report", problems[0], StringComparison.Ordinal);
        Assert.Contains("[framework: Nowhere] is not a priority", problems[1], StringComparison.Ordinal);

        var plain = CoveringDraft.Parse("covering.txt", "## Purpose\nTo update.", []);
        var doc = CoveringReport.Build(plain, "Update", input, null);
        Assert.Equal(["1. Purpose"], doc.Sections.Select(s => s.Title));
        Assert.DoesNotContain("Appendix", HtmlWriter.Write(doc), StringComparison.Ordinal);
    }
}
