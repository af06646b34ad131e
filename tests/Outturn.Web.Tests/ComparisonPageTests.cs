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
    public async Task A_measures_page_takes_comparators_the_row_lacks_from_the_national_data(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        using (var folder = new TempFolder())
        {
            await using var context = await database.OpenAsync();
            await new Data.Storage.Importer(context, TimeProvider.System).ImportAsync(
                Data.Storage.DemoCouncil.Name,
                [
                    folder.Write(
                        "measures.csv",
                        "ref,title,unit,rate_per,decimals,polarity,frequency,benchmark_metric\n"
                            + "CT2,Against England,rate,1000,1,lower,annual,20401\n"
                    ),
                    folder.Write("values.csv", "ref,period,value,target\nCT2,2016/17,18.6,england\n"),
                ],
                "test"
            );
        }

        await using var check = await database.OpenAsync();
        var org = await check.Organisations.SingleAsync();
        var england = (
            await new Data.Comparisons.ComparisonService(check).CompareAsync(
                org,
                Domain.Periods.Period.Parse("2016/17"),
                itemRef: "CT2"
            )
        )
            .Single()
            .Result.EnglandValue!.Value;
        var profile = new Domain.Rating.MeasureProfile
        {
            Unit = Domain.Framework.Unit.Rate,
            RatePer = 1000,
            Decimals = 1,
        };
        var figure = Domain.Rating.ValueFormatter.Format((decimal)england, profile);

        var client = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var page = await client.GetStringAsync("/measures/CT2");

        // The row has no England figure: the national data's is shown beside it and the target resolves to it.
        Assert.Contains($"England {figure}", page, StringComparison.Ordinal);
        Assert.Contains($"({figure})</td>", page, StringComparison.Ordinal);
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
        Assert.Equal("no_significant_change", ph05.GetProperty("recent_trend").GetString());
        Assert.Equal(
            "decreasing",
            own.EnumerateArray()
                .Single(r => r.GetProperty("ref").GetString() == "PH02")
                .GetProperty("recent_trend")
                .GetString()
        );
        Assert.Equal("CIPFA nearest neighbours", ph05.GetProperty("group").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);

        // Open data gives what the API gives a visitor, at each measure's latest period; the CSV with the columns of
        // outturn compare.
        static string[] Rows(JsonElement rows) =>
            [
                .. rows.EnumerateArray()
                    .Select(r =>
                        string.Join(
                            " ",
                            new[] { "ref", "period", "rank", "quartile", "vs_england", "suppressed" }.Select(k =>
                                r.GetProperty(k).ToString()
                            )
                        )
                    ),
            ];
        var latest = Rows(
            JsonDocument
                .Parse(await visitor.GetStringAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]))
                .RootElement
        );
        var open = Rows(
            JsonDocument
                .Parse(await visitor.GetStringAsync("/open-data/borsetshire-county-council/comparisons.json"))
                .RootElement
        );
        Assert.NotEmpty(open);
        Assert.Equal(latest, open);
        Assert.DoesNotContain(open, r => r.StartsWith("PH01 ", StringComparison.Ordinal));
        var csv = (await visitor.GetStringAsync("/open-data/borsetshire-county-council/comparisons.csv"))
            .TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", Data.Tables.ComparisonTable.Columns), csv[0]);
        Assert.Equal(open.Length + 1, csv.Length);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string name, string csv)
    {
        var token = OutturnFactory.Token(await client.GetStringAsync("/admin/comparisons"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "kind" },
        };
        var file = new StringContent(csv);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", name);
        return await client.PostAsync("/admin/comparisons?handler=Upload", form);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrators_upload_national_data_and_officers_set_the_councils_area_and_group(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var officer = await factory.SignedInAsync("officer");

        var good = await UploadAsync(
            admin,
            "figures",
            "more.csv",
            "metric,area_code,period,value\nNEW1,E10000099,2017/18,12\nNEW1,E92000001,2017/18,10\n"
        );
        var bad = await UploadAsync(
            admin,
            "figures",
            "broken.csv",
            "metric,area_code,period,value\nNEW2,E1,2017/18,x\n"
        );
        var groups = await UploadAsync(
            admin,
            "groups",
            "pair.csv",
            "group,area_code\nPair,E10000099\nPair,E10000101\n"
        );
        var refused = await UploadAsync(officer, "figures", "more.csv", "metric,area_code,period,value\n");
        var page = await officer.GetStringAsync("/admin/comparisons");
        var token = OutturnFactory.Token(page);
        var saved = await officer.PostAsync(
            "/admin/comparisons",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["AreaCode"] = "e10000099",
                    ["Group"] = "Pair",
                    ["SmallNumbers"] = "10",
                }
            )
        );
        var wrong = await officer.PostAsync(
            "/admin/comparisons",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["AreaCode"] = "Borsetshire",
                    ["Group"] = "No such group",
                    ["SmallNumbers"] = "-1",
                }
            )
        );

        Assert.Contains(
            "Stored 2 figures of 1 metrics for 2 areas",
            await good.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was stored", badPage, StringComparison.Ordinal);
        Assert.Contains(
            "broken.csv, row 2, column &#x27;area_code&#x27;: &#x27;E1&#x27;",
            badPage,
            StringComparison.Ordinal
        );
        Assert.Contains("Pair (2 areas)", await groups.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/account/access-denied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Upload national data", page, StringComparison.Ordinal);
        Assert.Contains(
            "Saved the comparison settings",
            await saved.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("like E06000031", wrongPage, StringComparison.Ordinal);
        Assert.Contains("Choose a comparator group that has been uploaded", wrongPage, StringComparison.Ordinal);
        await using var context = await database.OpenAsync();
        var org = await context.Organisations.SingleAsync();
        Assert.Equal(("E10000099", "Pair", 10), (org.AreaCode, org.ComparatorGroup, org.SmallNumbers));
        Assert.False(await context.Metrics.AnyAsync(m => m.Key == "NEW2"));
        Assert.True(await context.AuditEvents.AnyAsync(a => a.Kind == "national-data-imported"));
    }

    [Fact]
    public async Task The_comparison_report_downloads_for_the_councils_own_people_only()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var csv = await admin.GetAsync("/reports/comparison?period=2017%2F18&format=csv");
        var visitor = await factory.Browser().GetAsync("/reports/comparison?period=2017%2F18&format=csv");

        Assert.Equal(System.Net.HttpStatusCode.OK, csv.StatusCode);
        var rows = CsvRows.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(4, rows.Count(r => r["Rank"].Contains(" of ", StringComparison.Ordinal)));
        Assert.Contains(
            "comparison-2017-18.csv",
            csv.Content.Headers.ContentDisposition?.ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains("/account/sign-in", visitor.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The recent-trend test on a measure's page, from the council's own national figures.</summary>
public sealed class RecentTrendPageTests
{
    [Fact]
    public async Task A_measure_with_five_years_of_national_figures_shows_their_recent_trend()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var client = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        // The demo has two years of PH01's national figures: too few.
        Assert.Contains(
            "Cannot be worked out: it needs five periods",
            await client.GetStringAsync("/measures/PH01"),
            StringComparison.Ordinal
        );

        // Three earlier years, rising to the demo's 773 of 1,200 and 756 of 1,200.
        (double Count, double Denominator)[] counts = [(640, 1200), (672, 1200), (700, 1200), (773, 1200), (756, 1200)];
        await using (var context = await database.OpenAsync())
        {
            var metric = await context.Metrics.SingleAsync(m => m.KeyUpper == "93014");
            foreach (var (year, (count, denominator)) in new[] { 2012, 2013, 2014 }.Zip(counts))
            {
                var period = Domain.Periods.Period.FinancialYear(year);
                context.NationalValues.Add(
                    new Data.Entities.NationalValue
                    {
                        MetricId = metric.Id,
                        AreaCode = Data.Storage.DemoCouncil.AreaCode,
                        Period = period.ToString(),
                        PeriodKind = (int)period.Kind,
                        PeriodStart = period.StartMonth,
                        PeriodEnd = period.EndMonth,
                        Value = 100 * count / denominator,
                        Count = count,
                        Denominator = denominator,
                    }
                );
            }

            await context.SaveChangesAsync();
        }

        var expected = Domain.Statistics.RecentTrends.TestProportions(counts);
        Assert.Equal(Domain.Statistics.RecentTrendKind.Increasing, expected.Kind);
        Assert.Contains(
            "Increasing and getting better over the last five periods (Fingertips&#x27; test)",
            await client.GetStringAsync("/measures/PH01"),
            StringComparison.Ordinal
        );
    }
}
