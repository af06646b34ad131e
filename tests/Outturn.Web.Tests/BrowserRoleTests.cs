using Microsoft.Playwright;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>
/// Each role's way through the web app in real headless Chromium — visitor, councillor, measure owner, performance
/// officer, administrator (whose every page the other browser tests also check at desktop width) — at 1280 px and
/// 375 px wide: the links the
/// navigation offers are the role's and no others, the pages the role goes to are reached by following links, none
/// is wider than the screen, and each passes axe-core at 375 px (and the home page at 1280 px; the other browser
/// tests check the pages at desktop width); no request fails or goes off the host.
/// </summary>
public class BrowserRoleTests
{
    private static readonly int[] Widths = [1280, 375];

    /// <summary>The navigation's links for each role, in order (and for those signed in "Your password"; "Sign out" is
    /// a form).</summary>
    private static readonly Dictionary<string, string[]> Navigation = new(StringComparer.Ordinal)
    {
        [""] = ["/", "/account/sign-in"],
        [Roles.Councillor] = ["/"],
        [Roles.MeasureOwner] = ["/", "/entry"],
        [Roles.PerformanceOfficer] =
        [
            "/",
            "/entry",
            "/collection",
            "/upload",
            "/reports/covering",
            "/admin/measures",
            "/admin/committees",
            "/admin/scheme",
            "/admin/deadlines",
            "/admin/comparisons",
            "/admin/tokens",
        ],
        [Roles.Administrator] =
        [
            "/",
            "/entry",
            "/collection",
            "/upload",
            "/reports/covering",
            "/admin/measures",
            "/admin/committees",
            "/admin/scheme",
            "/admin/deadlines",
            "/admin/comparisons",
            "/admin/tokens",
            "/admin/users",
            "/admin/audit",
        ],
    };

    [Fact]
    public async Task Each_role_finds_its_way_and_every_page_fits_the_screen()
    {
        await using var session = await BrowserSession.StartAsync();
        await session.AddUserAsync("cllr", Roles.Councillor);
        await session.AddUserAsync("housing", Roles.MeasureOwner, "Housing lead officer");
        await session.AddUserAsync("officer", Roles.PerformanceOfficer);
        await session.AddUserAsync("chief", Roles.Administrator);
        await session.PublishAsync("Cabinet", "2018-03");
        var problems = new List<string>();
        foreach (var width in Widths)
        {
            foreach (
                var (role, user) in new[]
                {
                    ("", (string?)null),
                    (Roles.Councillor, "cllr"),
                    (Roles.MeasureOwner, "housing"),
                    (Roles.PerformanceOfficer, "officer"),
                    (Roles.Administrator, "chief"),
                }
            )
            {
                var who = $"{(user ?? "visitor")} at {width} px";
                var page = await session.NewPageAsync(width, user);
                async Task CheckAsync(string what, bool axe)
                {
                    var wide = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                    if (wide > width)
                    {
                        // Name the outermost element that sticks out, to say what to mend.
                        var culprit = await page.EvaluateAsync<string>(
                            @"w => { for (const e of document.querySelectorAll('body *')) {
                                if (e.getBoundingClientRect().right > w + 1
                                    && !e.parentElement.closest('.outturn-scroll')) {
                                    return e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
                                        + ' #' + e.id; } } return ''; }",
                            width
                        );
                        problems.Add($"{who}: {what} ({page.Url}) is {wide} px wide ({culprit})");
                    }

                    if (axe)
                    {
                        await BrowserSession.AssertAccessibleAsync(page, $"{who}: {what}");
                    }
                }

                async Task FollowAsync(string selector, string what)
                {
                    var link = page.Locator(selector).First;
                    Assert.True(await link.CountAsync() > 0, $"{who}: no link to {what} ({selector}) on {page.Url}");
                    if (!await link.IsVisibleAsync() && selector.StartsWith("#navigation", StringComparison.Ordinal))
                    {
                        // On a narrow screen the navigation is behind its Menu button, as GOV.UK's is.
                        await page.ClickAsync("button.govuk-service-navigation__toggle");
                    }

                    // Shown to the person, then followed (by its address, so that the page is loaded before it is
                    // checked, however busy the machine).
                    Assert.True(await link.IsVisibleAsync(), $"{who}: the link to {what} is not shown on {page.Url}");
                    var href = await link.GetAttributeAsync("href");
                    await page.GotoAsync(new Uri(new Uri(page.Url), href).ToString());
                    await CheckAsync(what, width == 375);
                }

                await page.GotoAsync(session.Root + "/");
                await CheckAsync("home", true);
                var offered = await page.Locator("#navigation a.govuk-service-navigation__link")
                    .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
                Assert.Equal(
                    [.. Navigation[role], .. user is null ? Array.Empty<string>() : ["/account/password"]],
                    offered
                );
                switch (role)
                {
                    case "":
                        // The published dashboard from the home page, and a measure on it.
                        await FollowAsync("a[href='/committees/Cabinet?period=2018-03']", "the published dashboard");
                        Assert.Contains("As published on", await page.ContentAsync(), StringComparison.Ordinal);
                        await FollowAsync("main a[href^='/measures/']", "a measure on the published dashboard");
                        break;
                    case Roles.Councillor:
                        Assert.Contains("To challenge", await page.ContentAsync(), StringComparison.Ordinal);
                        await FollowAsync("#challenge-cabinet a[href^='/measures/']", "a measure to challenge");
                        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Load });
                        await FollowAsync("a[href='/committees/Cabinet?period=2018-03']", "Cabinet's dashboard");
                        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Load });
                        await FollowAsync("a[href^='/priorities/']", "a priority's scorecard");
                        break;
                    case Roles.MeasureOwner:
                        await FollowAsync("#navigation a[href='/entry']", "the figures due");
                        await FollowAsync("main a[href*='/enter?period=']", "a figure to enter");
                        break;
                    case Roles.Administrator:
                        // Finds a person, an event and a measure by the lists' search forms.
                        await FollowAsync("#navigation a[href='/admin/users']", "people");
                        await page.FillAsync("#find", "housing");
                        await page.ClickAsync("form[role=search] button:has-text('Find')");
                        Assert.Equal(1, await page.Locator("#people tbody tr").CountAsync());
                        await CheckAsync("people found", width == 375);
                        await FollowAsync("#navigation a[href='/admin/audit']", "the audit trail");
                        await page.SelectOptionAsync("#kind", "sign-in");
                        await page.ClickAsync("button:has-text('Filter')");
                        Assert.True(await page.Locator("#audit tbody tr").CountAsync() > 0, $"{who}: no sign-ins");
                        await CheckAsync("sign-ins", width == 375);
                        await FollowAsync("#navigation a[href='/admin/measures']", "measures and actions");
                        await page.FillAsync("#q", "HO01");
                        await page.ClickAsync("form[role=search] button:has-text('Find')");
                        Assert.Equal(1, await page.Locator("#items tbody tr").CountAsync());
                        await CheckAsync("a measure found", width == 375);
                        break;
                    default:
                        await FollowAsync("#navigation a[href='/collection']", "the collection round");
                        await FollowAsync("#navigation a[href='/upload']", "upload");
                        await FollowAsync("#navigation a[href='/reports/covering']", "covering reports");
                        await page.GotoAsync(session.Root + "/committees/Towns%20and%20Communities%20Scrutiny");
                        await CheckAsync("a committee's dashboard", width == 375);
                        await FollowAsync("a:has-text('Check and publish')", "the checks before publishing");
                        break;
                }

                await page.Context.CloseAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        session.AssertRequestsClean();
    }
}
