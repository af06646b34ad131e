using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Outturn.Web.Tests;

/// <summary>A measure linked to a national metric says how it compares with its comparator group, England and its
/// region, with a chart whose meaning does not rest on colour and a table of the same figures.</summary>
public partial class ComparisonPageTests
{
    [GeneratedRegex(@"<tr class=""govuk-table__row"">\s*<th scope=""row"" class=""govuk-table__header"">([^<]+)</th>")]
    private static partial Regex AreaRow();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_linked_measure_shows_its_rank_significance_chart_and_table(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var client = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        await using var context = await database.OpenAsync();
        var org = await context.Organisations.SingleAsync();
        var expected = (await new Data.Comparisons.ComparisonService(context).CompareAsync(org, null, itemRef: "PH05"))
            .Single()
            .Result;

        var page = await client.GetStringAsync("/measures/PH05");

        Assert.Contains("Compared with other councils", page, StringComparison.Ordinal);
        Assert.Contains(
            $"{Domain.Comparisons.Comparison.Ordinal(expected.Rank!.Value, expected.Joint)} of {expected.GroupSize}",
            page,
            StringComparison.Ordinal
        );
        Assert.Equal(15, expected.GroupSize); // Midsomer's count is below 5: suppressed, not ranked
        Assert.Contains(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"comparison-chart\" role=\"img\"",
            page,
            StringComparison.Ordinal
        );
        Assert.Contains("<title id=\"comparison-title\">", page, StringComparison.Ordinal);
        Assert.Contains("Borsetshire (this council)", page, StringComparison.Ordinal);
        Assert.Contains("* small number, not shown", page, StringComparison.Ordinal);
        Assert.Contains(
            ": this council is " + Domain.Comparisons.Comparison.Word(expected.VsEngland),
            page,
            StringComparison.Ordinal
        );
        // The table lists all sixteen areas, the suppressed one last.
        var comparison = page[page.IndexOf("best first</caption>", StringComparison.Ordinal)..];
        var areas = AreaRow().Matches(comparison).Select(m => m.Groups[1].Value).Take(16).ToList();
        Assert.Equal(16, areas.Distinct().Count());
        Assert.Equal("Midsomer", areas[^1]);

        var unlinked = await client.GetStringAsync("/measures/CU01");
        Assert.DoesNotContain("Compared with other councils", unlinked, StringComparison.Ordinal);
    }
}
