using System.Net;

namespace Outturn.Web.Tests;

/// <summary>Who sees and does what: visitors see published periods only; officers of another organisation see
/// nothing; only performance officers and administrators publish; forms need their anti-forgery token.</summary>
public class AccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Visitors_see_published_periods_only(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var visitor = factory.Browser();

        var home = await visitor.GetStringAsync("/");
        Assert.Contains("Published performance reports", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary by priority", home, StringComparison.Ordinal);
        foreach (
            var url in new[]
            {
                "/committees/Cabinet",
                "/committees/Cabinet?period=2018-03",
                "/measures/CU01",
                "/priorities/Safe",
                "/reports/annual?format=csv",
                "/reports/dashboard?committee=Cabinet&period=2018-03&format=csv",
            }
        )
        {
            var response = await visitor.GetAsync(url);
            Assert.True(
                response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location!.ToString().Contains("/account/sign-in", StringComparison.Ordinal),
                $"{url}: {response.StatusCode} {response.Headers.Location}"
            );
        }

        // An officer publishes March 2018 for Cabinet.
        var officer = await factory.SignedInAsync("officer");
        var page = await officer.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("Draft", page, StringComparison.Ordinal);
        var publish = await officer.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2018-03",
                    ["confirmed"] = "true",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains(
            "Published",
            await officer.GetStringAsync("/committees/Cabinet?period=2018-03"),
            StringComparison.Ordinal
        );

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/committees/Cabinet?period=2018-03")).StatusCode);
        // Every measure link on the published dashboard opens for a visitor: the published figures, no owner, no
        // history.
        var dashboard = await visitor.GetStringAsync("/committees/Cabinet?period=2018-03");
        var measureLinks = System
            .Text.RegularExpressions.Regex.Matches(dashboard, "href=\"(/measures/[^\"?]+)\"")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();
        Assert.NotEmpty(measureLinks);
        foreach (var link in measureLinks)
        {
            var measure = await visitor.GetAsync(link);
            Assert.True(measure.StatusCode == HttpStatusCode.OK, $"{link}: {measure.StatusCode}");
            var html = await measure.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Change history", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">Owner<", html, StringComparison.Ordinal);
            // No figure of a period ending after the published March 2018.
            await using var context = await database.OpenAsync();
            var reference = Uri.UnescapeDataString(link["/measures/".Length..]);
            var item = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                context.Items,
                i => i.Ref == reference
            );
            var march = Domain.Periods.Period.Parse("2018-03").EndMonth;
            foreach (
                var later in context
                    .Entries.Where(e => e.ItemId == item.Id && e.PeriodEnd > march)
                    .Select(e => e.Period)
                    .ToList()
            )
            {
                Assert.DoesNotContain(Domain.Periods.Period.Parse(later).Label, html, StringComparison.Ordinal);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/committees/Cabinet")).StatusCode);
        Assert.Contains(
            "/committees/Cabinet?period=2018-03",
            await visitor.GetStringAsync("/"),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await visitor.GetAsync("/reports/dashboard?committee=Cabinet&period=2018-03&format=csv")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await visitor.GetAsync("/committees/Cabinet?period=2018-02")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await visitor.GetAsync("/committees/Children%20and%20Learning%20Scrutiny?period=2018-03")).StatusCode
        );
    }

    [Fact]
    public async Task Only_performance_officers_and_administrators_publish_and_forms_need_their_token()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        var councillor = await factory.SignedInAsync("councillor");

        var page = await councillor.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("Draft", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish March 2018", page, StringComparison.Ordinal);
        var publish = await councillor.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2018-03",
                    ["confirmed"] = "true",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );
        Assert.True(
            publish.StatusCode is HttpStatusCode.Forbidden
                || (
                    publish.StatusCode == HttpStatusCode.Redirect
                    && publish.Headers.Location!.ToString().Contains("access-denied", StringComparison.Ordinal)
                ),
            publish.StatusCode.ToString()
        );

        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var noToken = await admin.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["period"] = "2018-03" })
        );
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await factory.Browser().GetAsync("/committees/Cabinet?period=2018-03")).StatusCode
        );
    }

    [Fact]
    public async Task An_officer_of_another_organisation_sees_nothing_of_this_one()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("outsider", Data.Entities.Roles.PerformanceOfficer, otherOrganisation: true);
        var outsider = await factory.SignedInAsync("outsider");

        // Signed in, an officer works in their own organisation: this one's measures, priorities and committees
        // do not exist there, and nothing of this one shows on their home page.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/measures/CU01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/priorities/Safe")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await outsider.GetAsync("/committees/Cabinet?period=2018-03")).StatusCode
        );
        Assert.NotEqual(
            HttpStatusCode.OK,
            (await outsider.GetAsync("/reports/dashboard?committee=Cabinet&period=2018-03&format=csv")).StatusCode
        );
        var home = await outsider.GetStringAsync("/");
        Assert.DoesNotContain("Borsetshire", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Cabinet", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var client = factory.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await OutturnFactory.SignInAsync(client, "admin", "not the password");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var locked = await OutturnFactory.SignInAsync(client, "admin", OutturnFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_has_not_ended_cannot_be_published()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        var next = DateTime.UtcNow.AddMonths(1);
        var future = $"{next.Year}-{next.Month:D2}";

        var page = await officer.GetStringAsync($"/committees/Cabinet?period={future}");
        Assert.DoesNotContain("Check and publish", page, StringComparison.Ordinal);
        var publish = await officer.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2099-12",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );

        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        var visitor = factory.Browser();
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await visitor.GetAsync("/committees/Cabinet?period=2099-12")).StatusCode
        );
        var values = await visitor.GetStringAsync("/open-data/borsetshire-county-council/values.csv");
        Assert.Single(values.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Each_role_is_offered_the_links_it_may_use_and_no_others()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        await factory.AddUserAsync("owner", Data.Entities.Roles.MeasureOwner);
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        string[] everything =
        [
            "/entry",
            "/upload",
            "/reports/covering",
            "/admin/measures",
            "/admin/committees",
            "/admin/scheme",
            "/admin/tokens",
            "/admin/users",
        ];
        var expected = new Dictionary<string, string[]>
        {
            ["councillor"] = [],
            ["owner"] = ["/entry"],
            ["officer"] =
            [
                "/entry",
                "/upload",
                "/reports/covering",
                "/admin/measures",
                "/admin/committees",
                "/admin/scheme",
                "/admin/tokens",
            ],
            ["admin"] = everything,
        };

        foreach (var (person, links) in expected)
        {
            var client = await factory.SignedInAsync(
                person,
                person == "admin" ? OutturnFactory.AdminPassword : OutturnFactory.Password
            );
            var home = await client.GetStringAsync("/");
            var offered = everything.Where(l => home.Contains($"href=\"{l}\"", StringComparison.Ordinal)).ToArray();
            Assert.Equal(links, offered);
            Assert.Contains($"Signed in as {person}", home, StringComparison.Ordinal);
            foreach (var link in offered)
            {
                var page = await client.GetAsync(link);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{person} offered {link}: {page.StatusCode}");
            }
        }

        var visitor = await factory.Browser().GetStringAsync("/");
        Assert.DoesNotContain(everything, l => visitor.Contains($"href=\"{l}\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/account/sign-in\"", visitor, StringComparison.Ordinal);
    }
}
