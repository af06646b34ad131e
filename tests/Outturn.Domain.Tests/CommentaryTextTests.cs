using Outturn.Domain.Reporting;

namespace Outturn.Domain.Tests;

/// <summary>Commentary keeps its paragraphs and bullets: a blank line is a paragraph, "- " a bullet, the rest
/// text.</summary>
public class CommentaryTextTests
{
    private static string Shape(string text) =>
        string.Join(
            " | ",
            CommentaryText.Parse(text).Select(b => (b.IsList ? "list: " : "p: ") + string.Join(" / ", b.Lines))
        );

    [Fact]
    public void One_line_is_one_paragraph() => Assert.Equal("p: Numbers rose in July.", Shape("Numbers rose in July."));

    [Fact]
    public void Lines_continue_their_paragraph_and_a_blank_line_starts_another() =>
        Assert.Equal(
            "p: Numbers rose in July, as they do each summer. | p: Corrective action: none.",
            Shape("Numbers rose in July,\nas they do each summer.\r\n\r\n  \nCorrective action: none.")
        );

    [Fact]
    public void Bullets_make_a_list_after_the_paragraph_that_introduces_them() =>
        Assert.Equal(
            "p: Actions: | list: waste prevention campaigns / home composting and reuse | p: Reviewed in October.",
            Shape("Actions:\n- waste prevention campaigns\n* home composting\n  and reuse\n\nReviewed in October.")
        );

    [Fact]
    public void Markup_is_text_never_html()
    {
        var blocks = CommentaryText.Parse("<b>bold</b>\n- <script>x</script>");
        Assert.Equal("<b>bold</b>", blocks[0].Lines[0]);
        Assert.Equal("<script>x</script>", blocks[1].Lines[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n ")]
    [InlineData(null)]
    public void Nothing_is_no_blocks(string? text) => Assert.Empty(CommentaryText.Parse(text));

    [Fact]
    public void A_hyphen_inside_a_line_or_without_a_space_is_text() =>
        Assert.Equal("p: 2016-17 figures -5 on last year", Shape("2016-17 figures\n-5 on last year"));

    [Fact]
    public void Plain_text_joins_paragraphs_and_bullets() =>
        Assert.Equal("Actions: one; two Then more.", CommentaryText.Plain("Actions:\n- one\n- two\n\nThen more."));
}
