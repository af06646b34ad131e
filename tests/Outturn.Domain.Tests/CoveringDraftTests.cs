using Outturn.Domain.Reporting;

namespace Outturn.Domain.Tests;

public class CoveringDraftTests
{
    // The shape of shared/reference-reports/partnership-plan-progress-report.txt: numbered sections with sub-sections,
    // bullets and a table, under a header block.
    private const string Paper = """
        committee: Strong and Supportive Communities Scrutiny
        meeting: 12 January 2015
        agenda item: 6
        author: Adrian Chapman, Service Director
        contact: adrian.chapman@example.gov.uk, 01733 863887

        ## Purpose
        The purpose of this report is to provide members with a summary
        overview of performance.

        ## Recommendations
        1. That the committee note the content of this report.
        2. That the committee apply appropriate scrutiny.

        ## Key issues
        ### Priority One: Addressing Victim-Based Crime
        - Green signifies activity on target
        - Red signifies that more progress is required
        | Activity | Progress | RAG |
        | IOM | Data from IDIOM early 2015 | Amber |
        #### Integrated Offender Management
        [chart: CS01]
        ### Priority Two
        [framework: Safe]

        ## Our own heading
        """;

    [Fact]
    public void Reads_the_header_sections_sub_sections_bullets_tables_charts_and_framework_tables()
    {
        var errors = new List<ImportError>();
        var draft = CoveringDraft.Parse("paper.txt", Paper, errors);

        Assert.Empty(errors);
        Assert.Equal("6", draft.Header.AgendaItem);
        Assert.Equal("12 January 2015", draft.Header.Meeting);
        Assert.Null(draft.Header.Portfolio);
        Assert.Equal(
            [
                "Purpose",
                "Recommendations",
                "Key issues",
                "Priority One: Addressing Victim-Based Crime",
                "Integrated Offender Management",
                "Priority Two",
                "Our own heading",
            ],
            draft.Sections.Select(s => s.Heading)
        );
        Assert.Equal(["1", "2", "3", "3.1", "3.1.1", "3.2", "4"], draft.Numbers());
        var purpose = Assert.IsType<CoveringWords>(Assert.Single(draft.Sections[0].Blocks));
        Assert.Equal(
            "The purpose of this report is to provide members with a summary\noverview of performance.",
            purpose.Text
        );
        // Each numbered recommendation is a paragraph of its own.
        var recommendations = CommentaryText.Parse(((CoveringWords)draft.Sections[1].Blocks[0]).Text);
        Assert.Equal(2, recommendations.Count);
        var priority = draft.Sections[3].Blocks;
        Assert.IsType<CoveringWords>(priority[0]);
        Assert.Equal(["IOM", "Data from IDIOM early 2015", "Amber"], Assert.IsType<CoveringTable>(priority[1]).Rows[1]);
        Assert.Equal(new CoveringChart("CS01"), Assert.Single(draft.Sections[4].Blocks));
        Assert.Equal(new CoveringFramework("Safe"), Assert.Single(draft.Sections[5].Blocks));
        Assert.Empty(draft.Sections[6].Blocks);
    }

    [Fact]
    public void Its_text_reads_back_as_the_same_draft()
    {
        var draft = CoveringDraft.Parse("paper.txt", Paper, []);
        var again = CoveringDraft.Parse("again.txt", draft.ToString(), []);

        Assert.Equal(draft.ToString(), again.ToString());
        Assert.Equal(draft.Header, again.Header);
        Assert.Equal(
            draft.Sections.Select(s => (s.Heading, s.Level, s.Blocks.Count)),
            again.Sections.Select(s => (s.Heading, s.Level, s.Blocks.Count))
        );
    }

    [Theory]
    [InlineData("Some words first\n## Purpose\nx", 1, "heading before any text")]
    [InlineData("## Purpose\n#### Too deep", 2, "'### ' sub-section first")]
    [InlineData("### Orphan", 1, "'## ' section before its sub-sections")]
    [InlineData("## Purpose\n| a | b |\n| c |", 3, "a table row of 2 cells")]
    [InlineData("## Purpose\n[graph: HO01]", 2, "[chart: REF] or [framework: PRIORITY]")]
    [InlineData("committee: A\ncommittee: B\n## Purpose", 2, "'committee:' once")]
    [InlineData("## ", 1, "a heading")]
    public void A_line_it_cannot_read_is_an_error_naming_the_line(string text, int line, string expected)
    {
        var errors = new List<ImportError>();
        CoveringDraft.Parse("paper.txt", text, errors);
        var error = Assert.Single(errors);
        Assert.Equal(("paper.txt", line), (error.File, error.Row));
        Assert.Contains(expected, error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standard_draft_has_the_usual_sections_and_expected_outcomes_may_go()
    {
        var standard = CoveringDraft.Standard();
        Assert.Equal(CoveringDraft.StandardSections, standard.Sections.Select(s => s.Heading));
        var without = standard with { Sections = [.. standard.Sections.Where(s => s.Heading != "Expected outcomes")] };
        Assert.Equal("9", without.Numbers()[^1]);
    }
}
