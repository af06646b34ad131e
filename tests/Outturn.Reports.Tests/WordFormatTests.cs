using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class WordFormatTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Word_turns_its_pages_for_the_quarterly_layout_and_for_any_table_wider_than_seven_columns()
    {
        static PageSize Size(Model.ReportDocument doc)
        {
            using var stream = new MemoryStream();
            DocxWriter.Write(doc, stream);
            stream.Position = 0;
            using var word = WordprocessingDocument.Open(stream, false);
            return (PageSize)word.MainDocumentPart!.Document.Body!.Descendants<PageSize>().Single().CloneNode(true);
        }

        var quarterly = Size(await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q1"));
        Assert.Equal(
            (16838u, 11906u, PageOrientationValues.Landscape),
            (quarterly.Width!.Value, quarterly.Height!.Value, quarterly.Orient!.Value)
        );
        // The dashboard's measures have seven columns, and an eighth for the trend line drawn in each row.
        var dashboard = ReportBuilder.Build(
            (await demo.InputAsync(ReportLayout.Dashboard, "2018-03")) with
            {
                Charts = ChartStyle.None,
            }
        );
        Assert.False(dashboard.PrintsLandscape);
        Assert.Equal(11906u, Size(dashboard).Width!.Value);
        Assert.Equal(16838u, Size(await demo.BuildAsync(ReportLayout.Dashboard, "2018-03")).Width!.Value);

        Model.ReportDocument WithColumns(int n) =>
            new(
                "T",
                "S",
                [
                    new Model.ReportSection("A", [])
                    {
                        Subsections =
                        [
                            new Model.ReportSection(
                                "B",
                                [
                                    new Model.TableBlock(
                                        "t",
                                        [.. Enumerable.Range(1, n).Select(i => new Model.ReportColumn($"c{i}"))],
                                        []
                                    ),
                                ]
                            ),
                        ],
                    },
                ]
            );
        Assert.Equal(11906u, Size(WithColumns(7)).Width!.Value);
        Assert.Equal(16838u, Size(WithColumns(8)).Width!.Value);
        Assert.Contains("@page { size: A4 landscape; }", HtmlWriter.Write(WithColumns(8)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportLayout.Dashboard, "2018-03")]
    [InlineData(ReportLayout.Quarterly, "2017/18 Q1")]
    [InlineData(ReportLayout.Annual, "2017/18")]
    [InlineData(ReportLayout.Exceptions, "2018-03")]
    [InlineData(ReportLayout.Comparison, "2017/18")]
    public async Task Word_documents_are_valid_with_real_headings_and_styled_tables(ReportLayout layout, string period)
    {
        var doc = await demo.BuildAsync(layout, period);
        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;

        using var word = WordprocessingDocument.Open(stream, false);
        var problems = new OpenXmlValidator()
            .Validate(word)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .Distinct()
            .Take(5)
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var body = word.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<Paragraph>()
            .Where(p =>
                p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal)
                == true
            )
            .ToList();
        Assert.Contains(
            headings,
            h => h.ParagraphProperties!.ParagraphStyleId!.Val == "Heading1" && h.InnerText == doc.Sections[0].Title
        );
        var tables = body.Elements<Table>().ToList();
        Assert.NotEmpty(tables);
        Assert.All(
            tables,
            t => Assert.Equal(DocxWriter.TableStyle, t.GetFirstChild<TableProperties>()!.TableStyle!.Val)
        );
        Assert.All(
            tables,
            t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>())
        );
        // No direct run formatting: every look comes from a named style a clerk can change.
        Assert.DoesNotContain(body.Descendants<Run>(), r => r.RunProperties is not null);
        var styles = word
            .MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>()
            .Select(s => s.StyleId!.Value)
            .ToHashSet();
        Assert.Superset(
            new HashSet<string?> { "Heading1", "Heading2", "Caption", "Analysis", DocxWriter.TableStyle },
            styles
        );
    }

    [Fact]
    public async Task Word_dashboard_shows_each_measure_with_its_rating_in_words()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03", "Towns and Communities Scrutiny");
        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;

        var evaluations = await new EvaluationService(demo.Db).EvaluateAsync(
            demo.Organisation,
            Period.Parse("2018-03")
        );
        foreach (
            var e in evaluations.Where(e =>
                e.Committees.Contains("Towns and Communities Scrutiny")
                && e.Item.Kind == Domain.Framework.ItemKind.Measure
            )
        )
        {
            var row = word
                .MainDocumentPart.Document.Body!.Descendants<TableRow>()
                .First(r => r.InnerText.Contains($"({e.Item.Ref})", StringComparison.Ordinal));
            Assert.Contains(e.Evaluation.Rating.Final.Word(), row.InnerText, StringComparison.Ordinal);
        }

        Assert.Contains("Analysis:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Children and Learning Scrutiny", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charts_are_native_word_charts_with_alternative_text()
    {
        var doc = await demo.BuildAsync(ReportLayout.Annual, "2017/18");
        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);

        var charts = word.MainDocumentPart!.ChartParts.ToList();
        var expected = doc
            .Sections.SelectMany(s => s.Blocks.Concat(s.Subsections.SelectMany(x => x.Blocks)))
            .OfType<Model.ChartBlock>()
            .Count();
        Assert.Equal(expected, charts.Count);
        Assert.True(charts.Count > 50);
        var altTexts = word
            .MainDocumentPart.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>()
            .Select(d => d.Description?.Value)
            .ToList();
        Assert.All(altTexts, a => Assert.False(string.IsNullOrWhiteSpace(a)));
        Assert.Contains(charts, c => c.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.LineChart>().Any());
        Assert.Contains(charts, c => c.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChart>().Any());
    }
}
