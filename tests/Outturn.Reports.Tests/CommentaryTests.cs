using DocumentFormat.OpenXml.Packaging;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>An officer's commentary prints with its paragraphs and bullets, escaped, in the page, the print page and
/// Word.</summary>
public class CommentaryTests
{
    private const string Analysis =
        "Analysis: tonnages rose in Quarter 1.\n\nActions:\n- waste prevention campaigns\n- <b>home</b> composting";

    private static readonly ReportDocument Doc = new(
        "Dashboard",
        "July 2017",
        [
            new ReportSection(
                "Environment",
                [
                    new ParagraphBlock("Indicators for domestic abuse are yet to be agreed."),
                    new TableBlock(
                        "Measures",
                        [new ReportColumn("Measure")],
                        [new ReportRow(["Waste"]) { Detail = Analysis }]
                    ),
                ]
            ),
        ]
    );

    [Fact]
    public void The_page_and_the_print_page_have_paragraphs_and_a_list()
    {
        foreach (var html in new[] { HtmlWriter.Write(Doc), HtmlWriter.Fragment(Doc) })
        {
            Assert.Contains(">Analysis: tonnages rose in Quarter 1.</p>", html, StringComparison.Ordinal);
            Assert.Contains(
                "<li>waste prevention campaigns</li><li>&lt;b&gt;home&lt;/b&gt; composting</li></ul>",
                html,
                StringComparison.Ordinal
            );
            Assert.DoesNotContain("<b>home", html, StringComparison.Ordinal);
        }

        Assert.Contains(
            "<ul class=\"govuk-list govuk-list--bullet govuk-body-s\">",
            HtmlWriter.Fragment(Doc),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Word_has_a_paragraph_for_each_paragraph_and_bullet()
    {
        using var stream = new MemoryStream();
        DocxWriter.Write(Doc, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, false);
        var cell = word.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>()
            .Last();
        Assert.Equal(
            [
                "Analysis: tonnages rose in Quarter 1.",
                "Actions:",
                "• waste prevention campaigns",
                "• <b>home</b> composting",
            ],
            cell.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText)
        );
    }
}
