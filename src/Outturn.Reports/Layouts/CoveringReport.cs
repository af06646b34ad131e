using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The standard sections of a committee report (as in shared/reference-reports/partnership-plan-progress-report.txt),
/// written around a layout, which becomes its appendix. The officer's words come as text with one <c>## Heading</c>
/// per section; a section left out is printed as "None.".
/// </summary>
public static class CoveringReport
{
    public static readonly IReadOnlyList<string> StandardSections =
    [
        "Purpose",
        "Recommendations",
        "Links to strategy",
        "Background",
        "Key issues",
        "Implications",
        "Consultation",
        "Expected outcomes",
        "Next steps",
        "Background documents",
        "Appendices",
    ];

    /// <summary>Reads the officer's text: <c>## Purpose</c> and so on, paragraphs separated by blank lines.
    /// An unknown heading, or text before the first heading, is an error naming the file and line.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(
        string source,
        string text,
        List<ImportError> errors
    )
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;
        var paragraph = new List<string>();
        var lineNumber = 0;

        void EndParagraph()
        {
            if (paragraph.Count > 0 && current is not null)
            {
                current.Add(string.Join(" ", paragraph));
            }

            paragraph.Clear();
        }

        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EndParagraph();
                var heading = line[3..].Trim();
                var standard = StandardSections.FirstOrDefault(s =>
                    s.Equals(heading, StringComparison.OrdinalIgnoreCase)
                );
                if (standard is null)
                {
                    errors.Add(
                        new ImportError(
                            source,
                            lineNumber,
                            null,
                            heading,
                            "a standard section: " + string.Join(", ", StandardSections)
                        )
                    );
                    current = null;
                    continue;
                }

                if (sections.ContainsKey(standard))
                {
                    errors.Add(new ImportError(source, lineNumber, null, heading, "each section once"));
                }

                current = sections[standard] = [];
            }
            else if (line.Length == 0)
            {
                EndParagraph();
            }
            else if (current is null && sections.Count == 0)
            {
                errors.Add(
                    new ImportError(
                        source,
                        lineNumber,
                        null,
                        line.Length > 40 ? line[..40] : line,
                        "a '## Purpose' (or other section) heading before any text"
                    )
                );
                current = [];
            }
            else
            {
                // A numbered or bulleted line starts a paragraph of its own (a recommendation).
                if (
                    line.Length > 1
                    && (
                        line[0] is '-' or '*'
                        || (char.IsAsciiDigit(line[0]) && line.TrimStart("0123456789".ToCharArray()).StartsWith('.'))
                    )
                )
                {
                    EndParagraph();
                }

                paragraph.Add(line);
            }
        }

        EndParagraph();
        return sections.ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Value, StringComparer.OrdinalIgnoreCase);
    }

    public static ReportDocument Wrap(
        ReportDocument layout,
        IReadOnlyDictionary<string, IReadOnlyList<string>> text,
        string title
    )
    {
        var sections = StandardSections
            .Select(name => new ReportSection(
                name,
                text.TryGetValue(name, out var paragraphs) && paragraphs.Count > 0
                        ? [.. paragraphs.Select(p => (ReportBlock)new ParagraphBlock(p))]
                    : name == "Appendices" ? [new ParagraphBlock($"Appendix A: {layout.Title}, {layout.Subtitle}.")]
                    : [new ParagraphBlock("None.")]
            ))
            .ToList();
        sections.Add(new ReportSection($"Appendix A: {layout.Title}", [new ParagraphBlock(layout.Subtitle)]));
        sections.AddRange(layout.Sections);
        return layout with { Title = title, Subtitle = layout.Subtitle, Sections = sections };
    }
}
