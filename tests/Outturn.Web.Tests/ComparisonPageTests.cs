using System.Text.Json;
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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_api_gives_comparisons_and_visitors_only_where_the_councils_figure_is_public(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var reader = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, Data.Entities.ApiScope.Read));
        var visitor = factory.Browser();
        await using (var context = await database.OpenAsync())
        {
            // PH01's own national figure gone: its comparison takes the council's own, unpublished, 2016/17 figure.
            var active = await context.Metrics.SingleAsync(m => m.Key == "93014");
            await context
                .NationalValues.Where(v => v.MetricId == active.Id && v.AreaCode == Data.Storage.DemoCouncil.AreaCode)
                .ExecuteDeleteAsync();
        }

        const string url = "/api/v1/organisations/borsetshire-county-council/comparisons?period=2016%2F17";
        var own = JsonDocument.Parse(await reader.GetStringAsync(url)).RootElement;
        var seen = JsonDocument.Parse(await visitor.GetStringAsync(url)).RootElement;
        var bad = await reader.GetAsync(url.Replace("2016%2F17", "2016%2F13", StringComparison.Ordinal));

        Assert.Equal(
            ["YO01", "PH01", "PH02", "PH05"],
            own.EnumerateArray().Select(r => r.GetProperty("ref").GetString())
        );
        Assert.Equal(["YO01", "PH02", "PH05"], seen.EnumerateArray().Select(r => r.GetProperty("ref").GetString()));
        var ph05 = own.EnumerateArray().Single(r => r.GetProperty("ref").GetString() == "PH05");
        Assert.Equal(15, ph05.GetProperty("group_size").GetInt32());
        Assert.Equal("CIPFA nearest neighbours", ph05.GetProperty("group").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
