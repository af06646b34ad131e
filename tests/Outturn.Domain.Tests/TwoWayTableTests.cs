using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

public class TwoWayTableTests
{
    // The housing register by band and bedroom need, as the monthly reference dashboard prints it
    // (shared/reference-reports/monthly-committee-dashboard.txt), first rows.
    private const string Register = """
        Bedroom Need,Band 1,AP 1,Band 2,Total
        1, 90 ,33,328,451
        2,124,97,435,656
        """;

    [Fact]
    public void Reads_a_heading_row_and_rows_as_wide_with_their_headings()
    {
        var table = TwoWayTable.Parse(Register);

        Assert.Equal(["Bedroom Need", "Band 1", "AP 1", "Band 2", "Total"], table.Headings);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["1", "90", "33", "328", "451"], table.Rows[0]);
        Assert.True(table.IsNumeric(1));
        Assert.Equal("Bedroom Need,Band 1,AP 1,Band 2,Total\n1,90,33,328,451\n2,124,97,435,656", table.ToString());
    }

    [Fact]
    public void Its_canonical_text_reads_back_as_the_same_table_quoting_only_what_needs_it()
    {
        var table = TwoWayTable.Parse("Need,\"Band 1, urgent\",Note\r\n\r\n1,\"3\",\"said \"\"soon\"\"\"\n");

        Assert.Equal("Need,\"Band 1, urgent\",Note\n1,3,\"said \"\"soon\"\"\"", table.ToString());
        Assert.Equal(table, TwoWayTable.Parse(table.ToString()));
        Assert.Equal("said \"soon\"", table.Rows[0][2]);
        Assert.True(table.IsNumeric(1));
        Assert.False(table.IsNumeric(2));
    }

    [Theory]
    [InlineData("Need,Band 1", "a heading row and at least one row under it")]
    [InlineData("Need\n1", "at least two cells")]
    [InlineData("Need,Band 1,Band 2\n1,2", "row 2 has 2 cells and the heading row 3")]
    [InlineData("Need,,Band 2\n1,2,3", "heading 2 is empty")]
    [InlineData("Need,Band 1\n,2", "row 2 has no heading")]
    [InlineData("Need,\"Band 1\n1,2", "no closing quote")]
    [InlineData("Need,\"Band\" 1\n1,2", "text after a quoted cell's closing quote")]
    public void A_table_that_is_not_two_way_is_refused_with_the_row_and_the_reason(string text, string reason)
    {
        Assert.False(TwoWayTable.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_size_is_limited_at_the_boundaries()
    {
        static string Of(int columns, int rows, int cell = 1) =>
            string.Join(
                "\n",
                Enumerable
                    .Range(0, rows + 1)
                    .Select(r => string.Join(",", Enumerable.Range(0, columns).Select(c => new string('x', cell))))
            );

        Assert.True(TwoWayTable.TryParse(Of(TwoWayTable.MaxColumns, TwoWayTable.MaxRows), out _, out _));
        Assert.False(TwoWayTable.TryParse(Of(TwoWayTable.MaxColumns + 1, 1), out _, out var wide));
        Assert.Contains($"at most {TwoWayTable.MaxColumns} columns", wide, StringComparison.Ordinal);
        Assert.False(TwoWayTable.TryParse(Of(2, TwoWayTable.MaxRows + 1), out _, out var tall));
        Assert.Contains($"at most {TwoWayTable.MaxRows}", tall, StringComparison.Ordinal);
        Assert.True(TwoWayTable.TryParse(Of(2, 1, TwoWayTable.MaxCell), out _, out _));
        Assert.False(TwoWayTable.TryParse(Of(2, 1, TwoWayTable.MaxCell + 1), out _, out var longCell));
        Assert.Contains($"at most {TwoWayTable.MaxCell}", longCell, StringComparison.Ordinal);
    }
}
