using System.Text;
using Outturn.Domain.Values;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>
/// Text as XML can carry it: Word and Excel files are XML, which forbids most control characters, U+FFFE and U+FFFF
/// and lone surrogates. Imports refuse them, but text stored before that check or by another route must still
/// print, so writers drop them rather than fail.
/// </summary>
public static class XmlSafe
{
    /// <summary>The document with every text in it made safe; the same document when nothing needed it.</summary>
    public static ReportDocument Document(ReportDocument doc) =>
        doc with
        {
            Title = Text(doc.Title),
            Subtitle = Text(doc.Subtitle),
            Provenance = doc.Provenance is null ? null : Text(doc.Provenance),
            Sections = [.. doc.Sections.Select(Section)],
        };

    private static ReportSection Section(ReportSection section) =>
        new(Text(section.Title), [.. section.Blocks.Select(Block)])
        {
            Subsections = [.. section.Subsections.Select(Section)],
        };

    private static ReportBlock Block(ReportBlock block) =>
        block switch
        {
            ParagraphBlock p => new ParagraphBlock(Text(p.Text)),
            ListBlock l => new ListBlock([.. l.Items.Select(Text)]),
            TableBlock t => t with
            {
                Caption = Text(t.Caption),
                Columns = [.. t.Columns.Select(c => c with { Header = Text(c.Header) })],
                Rows =
                [
                    .. t.Rows.Select(r =>
                        r with
                        {
                            Cells = [.. r.Cells.Select(c => c with { Text = Text(c.Text) })],
                            Detail = r.Detail is null ? null : Text(r.Detail),
                            Table = r.Table is null ? null : (TableBlock)Block(r.Table),
                        }
                    ),
                ],
            },
            ChartBlock c => c with
            {
                Title = Text(c.Title),
                Description = Text(c.Description),
                Unit = Text(c.Unit),
                Points = [.. c.Points.Select(p => p with { Period = Text(p.Period) })],
            },
            ComparisonChartBlock c => c with
            {
                Title = Text(c.Title),
                Description = Text(c.Description),
                Bars = [.. c.Bars.Select(b => b with { Name = Text(b.Name) })],
                Labels = [.. c.Labels.Select(Text)],
                EnglandLabel = c.EnglandLabel is null ? null : Text(c.EnglandLabel),
            },
            _ => block,
        };

    public static string Text(string text)
    {
        if (XmlText.FirstForbidden(text) < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && !XmlText.Forbidden.Contains(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
