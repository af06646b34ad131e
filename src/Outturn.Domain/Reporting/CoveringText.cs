namespace Outturn.Domain.Reporting;

/// <summary>The header block of a committee report: who it is for and from (all optional).</summary>
public sealed record CoveringHeader
{
    public string? Committee { get; init; }
    public string? Meeting { get; init; }
    public string? AgendaItem { get; init; }
    public string? Author { get; init; }
    public string? Contact { get; init; }
    public string? Portfolio { get; init; }

    /// <summary>The header's fields in print order: their key in the text, their label on the page, their
    /// value.</summary>
    public IEnumerable<(string Key, string Label, string? Value)> Fields =>
        [
            ("committee", "Committee", Committee),
            ("meeting", "Date of meeting", Meeting),
            ("agenda item", "Agenda item", AgendaItem),
            ("author", "Report author", Author),
            ("contact", "Contact", Contact),
            ("portfolio", "Cabinet portfolio", Portfolio),
        ];

    public bool IsEmpty => Fields.All(f => f.Value is null);

    internal CoveringHeader With(string key, string value) =>
        key switch
        {
            "committee" => this with { Committee = value },
            "meeting" => this with { Meeting = value },
            "agenda item" => this with { AgendaItem = value },
            "author" => this with { Author = value },
            "contact" => this with { Contact = value },
            _ => this with { Portfolio = value },
        };
}

/// <summary>What a covering report's section holds, in order.</summary>
public abstract record CoveringBlock;

/// <summary>A paragraph, or a list of bullets, in <see cref="CommentaryText"/>'s markup.</summary>
public sealed record CoveringWords(string Text) : CoveringBlock;

/// <summary>A table written as rows of cells between bars (<c>| Activity | Progress |</c>), its first row the
/// headings.</summary>
public sealed record CoveringTable(IReadOnlyList<IReadOnlyList<string>> Rows) : CoveringBlock;

/// <summary>A measure's trend chart, placed where the text says (<c>[chart: HO01]</c>).</summary>
public sealed record CoveringChart(string Ref) : CoveringBlock;

/// <summary>A table built from the framework: a priority's activities, their measures, progress and RAG
/// (<c>[framework: Strong]</c>).</summary>
public sealed record CoveringFramework(string Priority) : CoveringBlock;

/// <summary>A numbered section (level 1: "5. Key issues"), sub-section (2: "5.1") or sub-sub-section (3:
/// "5.1.1").</summary>
public sealed record CoveringSection(string Heading, int Level, IReadOnlyList<CoveringBlock> Blocks);

/// <summary>
/// A covering report as clerks write them (shared/reference-reports/partnership-plan-progress-report.txt): a header
/// block, then numbered sections with the council's own headings, their sub-sections, paragraphs, bullets, tables,
/// charts and framework tables. Written as plain text, the form the CLI reads (<c>--covering FILE</c>) and the web
/// app saves:
/// <code>
/// committee: Towns and Communities Scrutiny
/// meeting: 24 April 2018
/// ## Purpose
/// To report performance for the fourth quarter.
/// ### Housing
/// - repairs improved
/// | Activity | Progress |
/// | Re-lets  | On track |
/// [chart: HO03]
/// [framework: Strong]
/// </code>
/// <c>key: value</c> lines before the first heading are the header (committee, meeting, agenda item, author, contact,
/// portfolio); <c>##</c> starts a section, <c>###</c> a sub-section, <c>####</c> a sub-sub-section; a blank line ends
/// a paragraph; numbering is the report's, never typed.
/// </summary>
public sealed record CoveringDraft(CoveringHeader Header, IReadOnlyList<CoveringSection> Sections)
{
    /// <summary>The sections a committee report has unless the council says otherwise ("Expected outcomes" may be
    /// removed like any other).</summary>
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
    ];

    public const int MaxHeading = 200;

    public static CoveringDraft Standard(CoveringHeader? header = null) =>
        new(header ?? new CoveringHeader(), [.. StandardSections.Select(s => new CoveringSection(s, 1, []))]);

    private static readonly string[] HeaderKeys =
    [
        "committee",
        "meeting",
        "agenda item",
        "author",
        "contact",
        "portfolio",
    ];

    /// <summary>Reads a draft; each problem is an error naming <paramref name="source"/> and the line.</summary>
    public static CoveringDraft Parse(string source, string text, List<ImportError> errors)
    {
        var header = new CoveringHeader();
        var sections = new List<CoveringSection>();
        string? heading = null;
        var level = 0;
        var blocks = new List<CoveringBlock>();
        var words = new List<string>();
        var table = new List<IReadOnlyList<string>>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;

        void EndWords()
        {
            if (string.Join("\n", words).Trim('\n') is { Length: > 0 } written)
            {
                blocks.Add(new CoveringWords(written));
            }

            words.Clear();
        }

        void EndTable()
        {
            if (table.Count > 0)
            {
                blocks.Add(new CoveringTable([.. table]));
            }

            table.Clear();
        }

        void EndSection()
        {
            EndWords();
            EndTable();
            if (heading is not null)
            {
                sections.Add(new CoveringSection(heading, level, [.. blocks]));
            }

            blocks.Clear();
        }

        void Error(string? value, string expected) =>
            errors.Add(
                new ImportError(source, line, null, value is { Length: > 60 } ? value[..60] + "…" : value, expected)
            );

        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            line++;
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('#'))
            {
                var hashes = trimmed.TakeWhile(c => c == '#').Count();
                var title = trimmed[hashes..].Trim();
                if (hashes is < 2 or > 4 || title.Length == 0 || title.Length > MaxHeading)
                {
                    Error(
                        trimmed,
                        $"a heading: '## ' (a section), '### ' or '#### ' then 1 to {MaxHeading} characters"
                    );
                    continue;
                }

                var newLevel = hashes - 1;
                if (newLevel > 1 && (heading is null || newLevel > level + 1))
                {
                    Error(
                        trimmed,
                        newLevel == 2 ? "a '## ' section before its sub-sections" : "a '### ' sub-section first"
                    );
                    continue;
                }

                EndSection();
                (heading, level) = (title, newLevel);
                continue;
            }

            if (heading is null)
            {
                if (trimmed.Length == 0)
                {
                    continue;
                }

                var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                var key = colon > 0 ? trimmed[..colon].Trim().ToLowerInvariant() : null;
                if (key is not null && HeaderKeys.Contains(key) && trimmed[(colon + 1)..].Trim() is { Length: > 0 } v)
                {
                    if (!seenKeys.Add(key))
                    {
                        Error(trimmed, $"'{key}:' once");
                    }

                    header = header.With(key, v);
                }
                else
                {
                    Error(
                        trimmed,
                        "a '## Purpose' (or other section) heading before any text; above it only "
                            + string.Join(", ", HeaderKeys.Select(k => $"'{k}: …'"))
                    );
                }

                continue;
            }

            if (trimmed.StartsWith('|'))
            {
                EndWords();
                table.Add([.. trimmed.Trim('|').Split('|').Select(c => c.Trim())]);
                if (table.Count > 1 && table[^1].Count != table[0].Count)
                {
                    Error(trimmed, $"a table row of {table[0].Count} cells, as its heading row");
                }

                continue;
            }

            EndTable();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']') && trimmed.Contains(':', StringComparison.Ordinal))
            {
                var inner = trimmed[1..^1];
                var colon = inner.IndexOf(':', StringComparison.Ordinal);
                var (kind, value) = (inner[..colon].Trim().ToLowerInvariant(), inner[(colon + 1)..].Trim());
                if (kind is "chart" or "framework" && value.Length > 0)
                {
                    EndWords();
                    blocks.Add(kind == "chart" ? new CoveringChart(value) : new CoveringFramework(value));
                    continue;
                }

                Error(trimmed, "[chart: REF] or [framework: PRIORITY]");
                continue;
            }

            if (trimmed.Length == 0 && (words.Count == 0 || words[^1].Length == 0))
            {
                continue;
            }

            // A numbered line (a recommendation, "1. That the committee…") is a paragraph of its own.
            if (words.Count > 0 && words[^1].Length > 0 && NumberedLine(trimmed))
            {
                words.Add("");
            }

            words.Add(trimmed);
        }

        EndSection();
        return new CoveringDraft(header, sections);
    }

    private static bool NumberedLine(string line) =>
        line.Length > 2
        && char.IsAsciiDigit(line[0])
        && line.TrimStart("0123456789".ToCharArray()) is { Length: > 0 } rest
        && rest[0] is '.' or ')';

    /// <summary>The draft as text that <see cref="Parse"/> reads back as the same draft.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var (key, _, value) in Header.Fields.Where(f => f.Value is not null))
        {
            text.Append(key).Append(": ").Append(value).Append('\n');
        }

        foreach (var section in Sections)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(new string('#', section.Level + 1)).Append(' ').Append(section.Heading).Append('\n');
            foreach (var block in section.Blocks)
            {
                text.Append(
                        block switch
                        {
                            CoveringWords w => w.Text,
                            CoveringTable t => string.Join(
                                "\n",
                                t.Rows.Select(r => "| " + string.Join(" | ", r) + " |")
                            ),
                            CoveringChart c => $"[chart: {c.Ref}]",
                            CoveringFramework f => $"[framework: {f.Priority}]",
                            _ => "",
                        }
                    )
                    .Append("\n\n");
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The numbers printed before each section's heading: 1, 2, 2.1, 2.1.1, 3…</summary>
    public IReadOnlyList<string> Numbers()
    {
        var counters = new int[4];
        var numbers = new List<string>();
        foreach (var section in Sections)
        {
            counters[section.Level]++;
            for (var deeper = section.Level + 1; deeper < counters.Length; deeper++)
            {
                counters[deeper] = 0;
            }

            numbers.Add(string.Join(".", counters.Skip(1).Take(section.Level)));
        }

        return numbers;
    }
}
