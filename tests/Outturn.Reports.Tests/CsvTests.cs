using Outturn.Domain.Reporting;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class CsvTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Red", "Red")]
    public void Cells_a_spreadsheet_would_run_are_neutralised(string cell, string expected) =>
        Assert.Equal(expected, CsvWriter.Neutralise(cell));

    [Fact]
    public void A_formula_in_commentary_is_neutralised_in_the_file()
    {
        var doc = new ReportDocument(
            "T",
            "S",
            [
                new ReportSection(
                    "A",
                    [
                        new TableBlock(
                            "t",
                            [new("Measure"), new("RAG", ColumnKind.Rating)],
                            [new ReportRow(["=cmd|' /C calc'!A0", "Red"]) { Detail = "@evil" }]
                        ),
                    ]
                ),
            ]
        );
        var csv = CsvWriter.Write(doc);
        Assert.Contains("'=cmd|' /C calc'!A0", csv, StringComparison.Ordinal);
        Assert.Contains(",'@evil", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_row_per_item_with_its_section()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03");
        var lines = CsvWriter.Write(doc).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("section,subsection,table,Measure", lines[0], StringComparison.Ordinal);
        Assert.Equal(93, lines.Length - 1);
    }
}
