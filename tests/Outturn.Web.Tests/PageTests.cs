using System.Globalization;
using System.Net;

namespace Outturn.Web.Tests;

/// <summary>Every page and download through the real pipeline, on SQLite and PostgreSQL.</summary>
public class PageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_show_the_demo_council(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var client = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var home = await client.GetStringAsync("/");
        Assert.Contains("Borsetshire County Council", home, StringComparison.Ordinal);
        Assert.Contains("Summary by priority", home, StringComparison.Ordinal);
        Assert.Contains("/committees/Cabinet", home, StringComparison.Ordinal);

        var dashboard = await client.GetStringAsync("/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03");
        Assert.Contains("Performance dashboard, March 2018", dashboard, StringComparison.Ordinal);
        Assert.Contains("govuk-tag", dashboard, StringComparison.Ordinal);
        Assert.Contains("/measures/HO01", dashboard, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"spark\" role=\"img\"", dashboard, StringComparison.Ordinal);

        var measure = await client.GetStringAsync("/measures/CU01");
        Assert.Contains("% of Stage 1 complaints closed within 15 days", measure, StringComparison.Ordinal);
        Assert.Contains("Change history", measure, StringComparison.Ordinal);
        Assert.Contains("Higher is better", measure, StringComparison.Ordinal);

        var scorecard = await client.GetStringAsync("/priorities/Safe");
        Assert.Contains("Priority scorecard", scorecard, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2 class=\"govuk-heading-l\">Strong</h2>", scorecard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/committees/No%20such%20committee")]
    [InlineData("/committees/Cabinet?period=2018%2F19%20Q9")]
    [InlineData("/measures/NOPE")]
    [InlineData("/priorities/Nowhere")]
    [InlineData("/reports/nonsense")]
    [InlineData("/reports/dashboard?committee=Nobody")]
    [InlineData("/reports/dashboard?committee=Cabinet&period=2018-03&charts=some")]
    [InlineData("/reports/dashboard?committee=Cabinet&period=2018-03&charts=7")]
    [InlineData("/no/such/page")]
    public async Task Unknown_things_are_not_found(string url)
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var response = await (await factory.SignedInAsync("admin", OutturnFactory.AdminPassword)).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard", "csv", "text/csv", "Cabinet")]
    [InlineData("quarterly", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null)]
    [InlineData("annual", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null)]
    [InlineData("dashboard", "html", "text/html", "Cabinet")]
    public async Task Reports_download_as_files(string layout, string format, string type, string? committee)
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var url = $"/reports/{layout}?format={format}" + (committee is null ? "" : $"&committee={committee}");
        var response = await (await factory.SignedInAsync("admin", OutturnFactory.AdminPassword)).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(
            "." + format,
            response.Content.Headers.ContentDisposition!.FileNameStar
                ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'),
            StringComparison.Ordinal
        );
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500);
    }

    [Fact]
    public async Task A_bad_period_in_a_download_is_a_problem_not_a_crash()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var response = await (await factory.SignedInAsync("admin", OutturnFactory.AdminPassword)).GetAsync(
            "/reports/dashboard?period=March"
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Comparators_show_on_the_measure_page_its_chart_and_the_api()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var client = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        // CS04 (quarterly %, demo): England 24.3%, region 24.4%, statistical neighbours 23.7% for Q4 2017/18.
        var page = await client.GetStringAsync("/measures/CS04");
        Assert.Contains(
            "<th scope=\"col\" class=\"govuk-table__header\">Compared with</th>",
            page,
            StringComparison.Ordinal
        );
        Assert.Contains("England 24.3%; region 24.4%; statistical neighbours 23.7%", page, StringComparison.Ordinal);
        Assert.Contains("dotted line: England", page, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"national\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Compared with", await client.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        var reader = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, Data.Entities.ApiScope.Read));
        var json = System
            .Text.Json.JsonDocument.Parse(
                await reader.GetStringAsync(
                    $"{ApiTests.Org}/values?ref=CS04&from=2017/18%20Q4&to=2017/18%20Q4&kind=financial_quarter"
                )
            )
            .RootElement;
        var q4 = json.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(
            (24.3m, 24.4m, 23.7m),
            (
                q4.GetProperty("benchmark_national").GetDecimal(),
                q4.GetProperty("benchmark_regional").GetDecimal(),
                q4.GetProperty("benchmark_neighbours").GetDecimal()
            )
        );
    }

    [Fact]
    public async Task A_dashboard_downloads_with_trend_lines_full_charts_or_none_and_the_page_links_to_each()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        const string Download = "/reports/dashboard?committee=Cabinet&period=2018-03&format=html";
        var inline = await admin.GetStringAsync(Download);
        var full = await admin.GetStringAsync(Download + "&charts=full");
        var compact = await admin.GetStringAsync(Download + "&charts=none");
        static int Count(string html, string pattern) => System.Text.RegularExpressions.Regex.Count(html, pattern);

        // By default each measure's row has its trend line, named in words; no chart follows the tables.
        Assert.True(Count(inline, "<svg class=\"spark\" role=\"img\"") > 5);
        Assert.Equal(0, Count(inline, "<figure"));
        Assert.Matches("aria-label=\"\\d+ figures, [A-Z][a-z]+ \\d{4} [^\"]+ to March 2018 [^\"]+; lowest", inline);
        Assert.True(Count(full, "<figure") > 5);
        Assert.Equal(0, Count(full, "class=\"spark\""));
        Assert.Equal(0, Count(compact, "<figure") + Count(compact, "class=\"spark\""));
        Assert.Equal(Count(compact, "<svg"), Count(compact, "<svg [^>]*class=\"spc-icon\""));
        Assert.Contains("At a glance", compact, StringComparison.Ordinal);
        // The same tables each way.
        Assert.Equal(Count(full, "<table") - Count(full, "class=\"chart-data\""), Count(compact, "<table"));
        Assert.Equal(Count(inline, "<table"), Count(compact, "<table"));
        var page = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("format=pdf&charts=none", page, StringComparison.Ordinal);
        Assert.Contains("format=pdf&charts=full", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_page_says_how_each_shape_is_written_and_every_page_links_to_it()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var visitor = factory.CreateClient();
        var help = await visitor.GetStringAsync("/help");
        foreach (
            var part in new[]
            {
                "id=\"figures\"",
                "id=\"commentary\"",
                "id=\"tables\"",
                "id=\"covering\"",
                "£2.0m",
                "[chart: HO01]",
            }
        )
        {
            Assert.Contains(part, help, StringComparison.Ordinal);
        }

        Assert.Contains(
            "href=\"/help\">Help</a>",
            await visitor.GetStringAsync("/accessibility"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_measure_page_draws_statistical_process_control_and_says_what_it_shows()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        // CS05's latest figures fall below its mean for long enough to be a special-cause concern (the demo's data).
        var page = await admin.GetStringAsync("/measures/CS05");
        Assert.Contains("<polyline class=\"spc-mean\"", page, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<polyline class=\"spc-limit\""));
        Assert.Contains("<rect class=\"signal concern\"", page, StringComparison.Ordinal);
        Assert.Contains("square: special cause", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"num\">Process limits</th>", page, StringComparison.Ordinal);
        Assert.Matches(
            "id=\"spc-summary\">Statistical process control of \\d+ figures:\\s+Getting worse \\(special cause\\)",
            page
        );

        // An action has no chart of figures, so no statistical process control.
        var action = await admin.GetStringAsync("/measures/ACT01");
        Assert.DoesNotContain("spc-summary", action, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_download_a_dashboard_with_its_own_title_and_a_blank_one_is_refused_by_name()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        const string Download = "/reports/dashboard?committee=Cabinet&period=2018-03&format=html";

        var html = await admin.GetStringAsync(
            Download + "&title=Cabinet%3A%20delivery%20%26%20risk&subtitle=Year%20end"
        );
        Assert.Contains(
            "<h1>Cabinet: delivery &amp; risk<span class=\"subtitle\">Year end</span></h1>",
            html,
            StringComparison.Ordinal
        );
        // A form's empty boxes leave the layout's own headings.
        var plain = await admin.GetStringAsync(Download + "&title=&subtitle=");
        Assert.Contains(
            "<h1>Cabinet Performance Dashboard<span class=\"subtitle\">March 2018</span></h1>",
            plain,
            StringComparison.Ordinal
        );

        var blank = await admin.GetAsync(Download + "&subtitle=%20%20");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains(
            "subtitle: '  ' is not a heading",
            await blank.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var tooLong = await admin.GetAsync(Download + "&title=" + new string('x', 201));
        Assert.Contains("title: ", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLong.StatusCode);

        var page = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains(
            "<form method=\"get\" action=\"/reports/dashboard\" novalidate>",
            page,
            StringComparison.Ordinal
        );
        Assert.Contains("name=\"title\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_shows_only_the_ratings_its_address_asks_for_and_files_are_named_for_what_they_are()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        const string Dashboard = "/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03";

        var all = await admin.GetStringAsync(Dashboard);
        var redAndAmber = await admin.GetStringAsync(Dashboard + "&show=red&show=amber");

        static int Tags(string html, string colour) =>
            System.Text.RegularExpressions.Regex.Count(html, $"<strong class=\"govuk-tag govuk-tag--{colour}\">");
        Assert.True(Tags(all, "green") > 0 && Tags(all, "red") > 0, "the full dashboard has green and red rows");
        Assert.Equal(0, Tags(redAndAmber, "green"));
        Assert.Equal(Tags(all, "red"), Tags(redAndAmber, "red"));
        Assert.Contains(
            "id=\"show-red\" name=\"show\" type=\"checkbox\" value=\"red\" checked",
            redAndAmber,
            StringComparison.Ordinal
        );
        Assert.Contains("Show every row", redAndAmber, StringComparison.Ordinal);
        Assert.Contains(
            "/reports/quarterly?committee=Towns%20and%20Communities%20Scrutiny",
            all,
            StringComparison.Ordinal
        );

        var csv = await admin.GetAsync(
            "/reports/dashboard?committee=Towns%20and%20Communities%20Scrutiny&period=2018-03&format=csv"
        );
        var disposition = csv.Content.Headers.ContentDisposition!;
        Assert.Equal(
            "towns-and-communities-scrutiny-dashboard-2018-03.csv",
            disposition.FileNameStar ?? disposition.FileName!.Trim('"')
        );
    }
}

public class CouncillorHomeTests
{
    [Fact]
    public async Task A_councillor_sees_each_committees_items_to_challenge_red_first()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("cllr", Data.Entities.Roles.Councillor);
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var home = await (await factory.SignedInAsync("cllr")).GetStringAsync("/");

        Assert.Contains("To challenge, March 2018", home, StringComparison.Ordinal);
        // The section comes before the summary by priority, and names every committee with its dashboard.
        Assert.True(
            home.IndexOf("To challenge", StringComparison.Ordinal)
                < home.IndexOf("Summary by priority", StringComparison.Ordinal)
        );
        Assert.Contains("href=\"/committees/Cabinet?period=2018-03\"", home, StringComparison.Ordinal);
        var cabinet = System.Text.RegularExpressions.Regex.Match(
            home,
            "<table class=\"govuk-table\" id=\"challenge-cabinet\">.*?</table>",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        Assert.True(cabinet.Success);
        var ratings = System
            .Text.RegularExpressions.Regex.Matches(
                cabinet.Value,
                "<strong class=\"govuk-tag[^\"]*\"\\s*>([^<]+)</strong>"
            )
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Contains("Red", ratings);
        // Red, then amber, then the rest (each of which must be getting worse by SPC).
        var order = ratings
            .Select(r =>
                r switch
                {
                    "Red" => 0,
                    "Amber" => 1,
                    _ => 2,
                }
            )
            .ToList();
        Assert.Equal(order.Order(), order);
        var heading = home.IndexOf("href=\"/committees/Cabinet?period=2018-03\"", StringComparison.Ordinal);
        var counted = System.Text.RegularExpressions.Regex.Match(
            home[heading..cabinet.Index],
            "(?<red>\\d+) red, (?<amber>\\d+) amber and \\d+ getting worse \\(special cause\\) of \\d+ items"
        );
        Assert.Equal(
            ratings.Count(r => r == "Red"),
            int.Parse(counted.Groups["red"].Value, CultureInfo.InvariantCulture)
        );

        // An officer's home has its own attention list instead.
        Assert.DoesNotContain(
            "To challenge",
            await (await factory.SignedInAsync("officer")).GetStringAsync("/"),
            StringComparison.Ordinal
        );
    }
}
