using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>
/// Writes a report as a Word document a committee clerk can edit and paste into their own template: real headings
/// (Heading 1–3), tables in a named table style with a repeating header row, captions and the analysis in named
/// paragraph styles. No direct formatting: restyling the document restyles everything. Charts are native Word
/// charts with their description as alternative text and as a caption.
/// </summary>
public static class DocxWriter
{
    public const string TableStyle = "OutturnTable";

    public static void Write(ReportDocument doc, Stream output)
    {
        doc = XmlSafe.Document(doc);
        using var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = StyleSheet();
        var body = new Body();
        body.Append(Para(doc.Title, "Title"), Para(doc.Subtitle, "Subtitle"));
        var drawings = new WordDrawings(main);
        foreach (var section in doc.Sections)
        {
            Section(drawings, body, section, 1);
        }

        if (doc.Provenance is { } provenance)
        {
            body.Append(Para(provenance, "Provenance"));
        }

        body.Append(
            new SectionProperties(
                // A4 in twentieths of a point, turned when the report prints landscape.
                doc.PrintsLandscape
                    ? new PageSize
                    {
                        Width = 16838,
                        Height = 11906,
                        Orient = PageOrientationValues.Landscape,
                    }
                    : new PageSize { Width = 11906, Height = 16838 },
                new PageMargin
                {
                    Top = 1134,
                    Bottom = 1134,
                    Left = 1134,
                    Right = 1134,
                    Header = 567,
                    Footer = 567,
                }
            )
        );
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static void Section(WordDrawings drawings, Body body, ReportSection section, int level)
    {
        body.Append(Para(section.Title, $"Heading{level}"));
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    body.Append(Para(p.Text, "Normal"));
                    break;
                case ListBlock l:
                    body.Append(l.Items.Select(item => Para("• " + item, "Normal")));
                    break;
                case TableBlock t:
                    body.Append(Para(t.Caption, "Caption"));
                    body.Append(Table(t, drawings));
                    break;
                case ChartBlock c:
                    body.Append(WordChart.Add(drawings.Main, c, drawings.NextId()));
                    body.Append(Para($"{c.Title}. {c.Description}", "Caption"));
                    break;
                case ComparisonChartBlock c:
                    body.Append(WordChart.AddComparison(drawings.Main, c, drawings.NextId()));
                    body.Append(Para($"{c.Title}. {c.Description}", "Caption"));
                    var figures = ComparisonChart.Table(c);
                    body.Append(Para(figures.Caption, "Caption"));
                    body.Append(Table(figures, drawings));
                    break;
            }
        }

        foreach (var sub in section.Subsections)
        {
            Section(drawings, body, sub, Math.Min(level + 1, 3));
        }
    }

    private static Table Table(TableBlock t, WordDrawings drawings)
    {
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = TableStyle },
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                new TableLook { Val = "04A0" }
            )
        ); // first row special, no banding
        var grid = new TableGrid();
        foreach (var _ in t.Columns)
        {
            grid.Append(
                new GridColumn
                {
                    Width = (9638 / t.Columns.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );
        }

        table.Append(grid);
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        foreach (var c in t.Columns)
        {
            header.Append(CellOf(c.Header, "TableHeading"));
        }

        table.Append(header);
        foreach (var row in t.Rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var style =
                    cell.Rating is { } rag ? "Rating" + rag
                    : t.Columns[i].Kind == ColumnKind.Number ? "TableNumber"
                    : "TableText";
                tr.Append(
                    cell.Spc is { } spc
                        ? new TableCell(
                            new Paragraph([
                                new ParagraphProperties(new ParagraphStyleId { Val = style }),
                                .. SpcIcons.Of(spc).Select(drawings.Picture),
                                new Run(new Text(" " + cell.Text) { Space = SpaceProcessingModeValues.Preserve }),
                            ])
                        )
                        : CellOf(cell.Direction is { } d ? $"{Symbols.Arrow(d)} {cell.Text}" : cell.Text, style)
                );
            }

            table.Append(tr);
            if (row.Detail is not null || row.Table is not null)
            {
                var detailRow = new TableRow(new TableRowProperties(new CantSplit()));
                var td = new TableCell(new TableCellProperties(new GridSpan { Val = row.Cells.Count }));
                td.Append(
                    CommentaryText
                        .Parse(row.Detail ?? "")
                        .SelectMany(b => b.IsList ? b.Lines.Select(l => "• " + l) : b.Lines)
                        .Select(line => Para(line, "Analysis"))
                );
                if (row.Table is { } inner)
                {
                    // A table under the row, inside its cell; a cell ends with a paragraph.
                    td.Append(Para(inner.Caption, "Caption"), Table(inner, drawings), Para("", "Analysis"));
                }

                if (!td.Elements<Paragraph>().Any())
                {
                    td.Append(Para("", "Analysis"));
                }

                detailRow.Append(td);
                table.Append(detailRow);
            }
        }

        return table;
    }

    private static TableCell CellOf(string text, string style) => new(Para(text, style));

    private static Paragraph Para(string text, string style) =>
        new(
            new ParagraphProperties(new ParagraphStyleId { Val = style }),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })
        );

    private static Styles StyleSheet()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(
                    new RunPropertiesBaseStyle(
                        new RunFonts
                        {
                            Ascii = "Arial",
                            HighAnsi = "Arial",
                            ComplexScript = "Arial",
                        },
                        new FontSize { Val = "20" },
                        new Languages { Val = "en-GB" }
                    )
                ),
                new ParagraphPropertiesDefault(
                    new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80" })
                )
            )
        );
        styles.Append(
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle("Title", "Title", 36, bold: true),
            ParagraphStyle("Subtitle", "Subtitle", 28),
            Heading(1, 32),
            Heading(2, 26),
            Heading(3, 22),
            ParagraphStyle("Caption", "Caption", 20, bold: true, keepNext: true),
            ParagraphStyle("Chart", "Chart", null, keepNext: true),
            ParagraphStyle("TableHeading", "Table Heading", 18, bold: true),
            ParagraphStyle("TableText", "Table Text", 18),
            ParagraphStyle("TableNumber", "Table Number", 18, alignRight: true),
            ParagraphStyle("Analysis", "Analysis", 17, italic: true),
            ParagraphStyle("Provenance", "Provenance", 16)
        );
        foreach (var rag in Enum.GetValues<Rag>())
        {
            // The word carries the rating; bold and a shade add to it.
            styles.Append(
                ParagraphStyle(
                    "Rating" + rag,
                    $"Rating {rag.Word()}",
                    18,
                    bold: true,
                    shade: rag switch
                    {
                        Rag.Blue => "9CC3E6",
                        Rag.Green => "A8D5B5",
                        Rag.Amber => "FFE57F",
                        Rag.Red => "F2B1A6",
                        _ => "F3F2F1",
                    }
                )
            );
        }

        styles.Append(
            new Style(
                new StyleName { Val = "Outturn Table" },
                new BasedOn { Val = "TableNormal" },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder
                        {
                            Val = BorderValues.Single,
                            Size = 4,
                            Color = "B1B4B6",
                        },
                        new BottomBorder
                        {
                            Val = BorderValues.Single,
                            Size = 4,
                            Color = "B1B4B6",
                        },
                        new InsideHorizontalBorder
                        {
                            Val = BorderValues.Single,
                            Size = 4,
                            Color = "B1B4B6",
                        }
                    ),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa }
                    )
                ),
                new TableStyleProperties(
                    new TableStyleConditionalFormattingTableCellProperties(
                        new Shading { Val = ShadingPatternValues.Clear, Fill = "F3F2F1" }
                    )
                )
                {
                    Type = TableStyleOverrideValues.FirstRow,
                }
            )
            {
                Type = StyleValues.Table,
                StyleId = TableStyle,
            }
        );
        return styles;
    }

    private static Style Heading(int level, int size)
    {
        var style = ParagraphStyle($"Heading{level}", $"heading {level}", size, bold: true, keepNext: true);
        style.StyleParagraphProperties!.Append(new OutlineLevel { Val = level - 1 });
        return style;
    }

    private static Style ParagraphStyle(
        string id,
        string name,
        int? halfPoints,
        bool bold = false,
        bool italic = false,
        bool keepNext = false,
        bool alignRight = false,
        string? shade = null,
        bool isDefault = false
    )
    {
        var paragraph = new StyleParagraphProperties();
        if (keepNext)
        {
            paragraph.Append(new KeepNext());
        }

        if (shade is not null)
        {
            paragraph.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = shade });
        }

        if (alignRight)
        {
            paragraph.Append(new Justification { Val = JustificationValues.Right });
        }

        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold());
        }

        if (italic)
        {
            run.Append(new Italic());
        }

        if (halfPoints is { } hp)
        {
            run.Append(new FontSize { Val = hp.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraph, run)
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
            Default = isDefault ? true : null,
        };
        if (id != "Normal")
        {
            style.InsertAfter(new BasedOn { Val = "Normal" }, style.GetFirstChild<StyleName>());
        }

        return style;
    }
}
