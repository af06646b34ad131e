using Outturn.Domain.Reporting;
using Outturn.Reports.Layouts;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class CoveringReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private const string Text = """
        ## Purpose
        To report performance against the Council Plan for the fourth quarter.

        ## Recommendations
        1. That the committee notes the performance set out in Appendix A.
        2. That the committee agrees the corrective actions.

        ## Key issues
        Housing repairs improved
        for the third quarter running.
        """;

    [Fact]
    public async Task The_standard_sections_come_first_and_the_layout_is_the_appendix()
    {
        var errors = new List<ImportError>();
        var text = CoveringReport.Parse("covering.md", Text, errors);
        Assert.Empty(errors);
        var doc = CoveringReport.Wrap(
            await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q1"),
            text,
            "Quarterly performance report"
        );

        Assert.Equal("Quarterly performance report", doc.Title);
        Assert.Equal(
            CoveringReport.StandardSections,
            doc.Sections.Take(CoveringReport.StandardSections.Count).Select(s => s.Title)
        );
        Assert.Equal(
            "Housing repairs improved for the third quarter running.",
            ((Model.ParagraphBlock)doc.Sections.Single(s => s.Title == "Key issues").Blocks[0]).Text
        );
        Assert.Equal(2, doc.Sections.Single(s => s.Title == "Recommendations").Blocks.Count);
        Assert.Equal(
            "None.",
            ((Model.ParagraphBlock)doc.Sections.Single(s => s.Title == "Consultation").Blocks[0]).Text
        );
        Assert.StartsWith(
            "Appendix A:",
            doc.Sections[CoveringReport.StandardSections.Count].Title,
            StringComparison.Ordinal
        );

        var html = HtmlWriter.Write(doc);
        Assert.True(
            html.IndexOf("<h2>Purpose</h2>", StringComparison.Ordinal)
                < html.IndexOf("<h2>Appendix A:", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Unknown_headings_and_stray_text_are_errors_with_their_line()
    {
        var errors = new List<ImportError>();
        CoveringReport.Parse("covering.md", "Some words first\n## Purpose\nx\n## Finance\ny\n## Purpose\nz", errors);
        Assert.Contains(errors, e => e is { Row: 1 } && e.Expected.Contains("heading", StringComparison.Ordinal));
        Assert.Contains(
            errors,
            e => e is { Row: 4, Value: "Finance" } && e.Expected.Contains("Recommendations", StringComparison.Ordinal)
        );
        Assert.Contains(errors, e => e is { Row: 6, Value: "Purpose" } && e.Expected == "each section once");
    }
}
