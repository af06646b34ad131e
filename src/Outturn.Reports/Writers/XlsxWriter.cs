using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Outturn.Domain.Rating;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>
/// Writes a report as an Excel workbook: a sheet per section, each table under its caption with a bold header row,
/// figures stored as numbers with number formats, ratings as words on their colour, the analysis in a last column.
/// </summary>
public static class XlsxWriter
{
    private static readonly string[] AnalysisHeader = ["Analysis"];

    public static void Write(ReportDocument doc, Stream output)
    {
        doc = XmlSafe.Document(doc);
        using var workbook = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = workbook.AddWorkbookPart();
        book.Workbook = new Workbook(new Sheets());
        var styles = new Styles();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint sheetId = 1;
        foreach (var section in doc.Sections)
        {
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var rows = new RowWriter(data, styles);
            rows.Text([section.Title], styles.Title);
            if (sheetId == 1)
            {
                rows.Text([$"{doc.Title} — {doc.Subtitle}"], styles.Bold);
            }

            foreach (
                var (subtitle, blocks) in new[] { ((string?)null, section.Blocks) }.Concat(Nested(section.Subsections))
            )
            {
                if (subtitle is not null)
                {
                    rows.Blank();
                    rows.Text([subtitle], styles.Title);
                }

                foreach (var each in blocks)
                {
                    // A comparison chart goes into a spreadsheet as its figures.
                    var block = each is ComparisonChartBlock chart ? ComparisonChart.Table(chart) : each;
                    switch (block)
                    {
                        case ParagraphBlock p:
                            rows.Text([p.Text], 0);
                            break;
                        case ListBlock l:
                            foreach (var item in l.Items)
                            {
                                rows.Text(["• " + item], 0);
                            }

                            break;
                        case TableBlock t:
                            rows.Blank();
                            rows.Text([t.Caption], styles.Bold);
                            rows.Text(
                                [
                                    .. t.Columns.Select(c => c.Header),
                                    .. t.Rows.Any(r => r.Detail is not null) ? AnalysisHeader : [],
                                ],
                                styles.Header
                            );
                            foreach (var row in t.Rows)
                            {
                                rows.Cells(row, t.Rows.Any(r => r.Detail is not null));
                                if (row.Table is { } inner)
                                {
                                    // The table recorded with the figure, under its row, as figures.
                                    rows.Text([inner.Caption], styles.Bold);
                                    rows.Text([.. inner.Columns.Select(c => c.Header)], styles.Header);
                                    foreach (var innerRow in inner.Rows)
                                    {
                                        rows.Cells(innerRow, false);
                                    }

                                    rows.Blank();
                                }
                            }

                            break;
                    }
                }
            }

            part.Worksheet = new Worksheet(
                new SheetViews(new SheetView { WorkbookViewId = 0 }),
                new Columns(
                    new Column
                    {
                        Min = 1,
                        Max = 1,
                        Width = 60,
                        CustomWidth = true,
                    },
                    new Column
                    {
                        Min = 2,
                        Max = 12,
                        Width = 18,
                        CustomWidth = true,
                    }
                ),
                data
            );
            book.Workbook.Sheets!.Append(
                new Sheet
                {
                    Id = book.GetIdOfPart(part),
                    SheetId = sheetId++,
                    Name = SheetName(section.Title, names),
                }
            );
        }

        var stylesPart = book.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = styles.Build();
        book.Workbook.Save();
    }

    /// <summary>Subsections at any depth, in reading order, each under its own title.</summary>
    private static IEnumerable<(string? Title, IReadOnlyList<ReportBlock> Blocks)> Nested(
        IReadOnlyList<ReportSection> sections
    ) => sections.SelectMany(s => Nested(s.Subsections).Prepend((s.Title, s.Blocks)));

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    internal static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string([
            .. title.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c),
        ]).Trim();
        clean = clean.Length == 0 ? "Sheet" : Domain.Values.TextClip.Clip(clean, 31);
        var name = clean;
        for (var n = 2; !used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Domain.Values.TextClip.Clip(clean, 31 - suffix.Length) + suffix;
        }

        return name;
    }

    private sealed class RowWriter(SheetData data, Styles styles)
    {
        private uint _row;

        public void Blank() => _row++;

        public void Text(IReadOnlyList<string> texts, uint style)
        {
            var row = new Row { RowIndex = ++_row };
            for (var i = 0; i < texts.Count; i++)
            {
                row.Append(TextCell(i, texts[i], style));
            }

            data.Append(row);
        }

        public void Cells(ReportRow report, bool withDetail)
        {
            var row = new Row { RowIndex = ++_row };
            for (var i = 0; i < report.Cells.Count; i++)
            {
                var cell = report.Cells[i];
                if (cell.Number is { } number && cell.Rating is null)
                {
                    row.Append(
                        new Cell
                        {
                            CellReference = Reference(i),
                            DataType = CellValues.Number,
                            CellValue = new CellValue(
                                number.ToString(System.Globalization.CultureInfo.InvariantCulture)
                            ),
                            StyleIndex = styles.Number(WithSuffix(cell.NumberFormat ?? "General", cell.Suffix)),
                        }
                    );
                }
                else
                {
                    row.Append(TextCell(i, cell.Text, cell.Rating is { } r ? styles.Rating(r) : 0));
                }
            }

            if (withDetail)
            {
                row.Append(TextCell(report.Cells.Count, report.Detail ?? "", styles.Wrap));
            }

            data.Append(row);
        }

        /// <summary>The number format with what the cell prints after its figure as literal text, so that Excel
        /// shows "118.4 (provisional)" and still holds 118.4 (a format may have at most 255 characters).</summary>
        private static string WithSuffix(string format, string? suffix) =>
            suffix is null ? format
            : $"{format}\" {suffix.Replace("\"", "'", StringComparison.Ordinal)}\"" is { Length: <= 255 } with ? with
            : format;

        private Cell TextCell(int column, string text, uint style) =>
            new()
            {
                CellReference = Reference(column),
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = style,
            };

        private string Reference(int column) => $"{ColumnName(column)}{_row}";

        private static string ColumnName(int column) =>
            column < 26
                ? ((char)('A' + column)).ToString()
                : ColumnName((column / 26) - 1) + (char)('A' + (column % 26));
    }

    /// <summary>The workbook's cell formats, made as they are first needed.</summary>
    private sealed class Styles
    {
        private readonly List<CellFormat> _formats = [new CellFormat()];
        private readonly List<NumberingFormat> _numberFormats = [];
        private readonly Dictionary<string, uint> _byNumberFormat = [];
        private readonly Dictionary<Rag, uint> _byRating = [];

        // Fonts: 0 normal, 1 bold, 2 bold white, 3 large bold. Fills: 0 none, 1 gray125 (required), 2 header, then
        // ratings.
        private static readonly (Rag Rag, string Fill, uint Font)[] RatingFills =
        [
            (Rag.Blue, "FF1D70B8", 2),
            (Rag.Green, "FF00703C", 2),
            (Rag.Amber, "FFFFDD00", 1),
            (Rag.Red, "FFD4351C", 2),
            (Rag.NoTarget, "FFF3F2F1", 0),
            (Rag.NoData, "FFF3F2F1", 0),
        ];

        public uint Title { get; }
        public uint Bold { get; }
        public uint Header { get; }
        public uint Wrap { get; }

        public Styles()
        {
            Title = Add(new CellFormat { FontId = 3, ApplyFont = true });
            Bold = Add(new CellFormat { FontId = 1, ApplyFont = true });
            Header = Add(
                new CellFormat
                {
                    FontId = 1,
                    FillId = 2,
                    ApplyFont = true,
                    ApplyFill = true,
                }
            );
            Wrap = Add(
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
                {
                    ApplyAlignment = true,
                }
            );
        }

        private uint Add(CellFormat format)
        {
            _formats.Add(format);
            return (uint)_formats.Count - 1;
        }

        public uint Number(string format)
        {
            if (!_byNumberFormat.TryGetValue(format, out var style))
            {
                var id = (uint)(164 + _numberFormats.Count);
                _numberFormats.Add(new NumberingFormat { NumberFormatId = id, FormatCode = format });
                style = _byNumberFormat[format] = Add(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true });
            }

            return style;
        }

        public uint Rating(Rag rag)
        {
            if (!_byRating.TryGetValue(rag, out var style))
            {
                var index = Array.FindIndex(RatingFills, f => f.Rag == rag);
                style = _byRating[rag] = Add(
                    new CellFormat
                    {
                        FillId = (uint)(3 + index),
                        FontId = RatingFills[index].Font,
                        ApplyFill = true,
                        ApplyFont = true,
                    }
                );
            }

            return style;
        }

        public Stylesheet Build()
        {
            var fills = new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFF3F2F1")
            );
            foreach (var (_, colour, _) in RatingFills)
            {
                fills.Append(Solid(colour));
            }

            var sheet = new Stylesheet();
            if (_numberFormats.Count > 0)
            {
                sheet.Append(new NumberingFormats(_numberFormats) { Count = (uint)_numberFormats.Count });
            }

            sheet.Append(
                new Fonts(
                    new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                    new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                    new Font(
                        new Bold(),
                        new FontSize { Val = 11 },
                        new Color { Rgb = "FFFFFFFF" },
                        new FontName { Val = "Arial" }
                    ),
                    new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Arial" })
                ),
                fills,
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                new CellFormats(_formats) { Count = (uint)_formats.Count }
            );
            return sheet;
        }

        private static Fill Solid(string argb) =>
            new(
                new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 })
                {
                    PatternType = PatternValues.Solid,
                }
            );
    }
}
