using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Outturn.Web.Tests;

/// <summary>A signed-in administrator's Chromium on a real Kestrel server over the demo council: every request
/// watched (none may fail, go to another host, or break the page's security policy), axe-core's WCAG 2.2 AA rules run
/// on each page shown, and a screenshot kept for docs/.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly OutturnFactory _factory;
    private readonly TestDatabase _database;
    private readonly IPlaywright _playwright;
    private readonly List<string> _failed = [];
    private readonly List<string> _offHost = [];
    private readonly List<string> _consoleErrors = [];

    private BrowserSession(
        OutturnFactory factory,
        TestDatabase database,
        IPlaywright playwright,
        IBrowser browser,
        IPage page,
        string root
    ) => (_factory, _database, _playwright, Browser, Page, Root) = (factory, database, playwright, browser, page, root);

    public IBrowser Browser { get; }
    public IPage Page { get; }

    /// <summary>The app under test, for setting up what a page is to show.</summary>
    public OutturnFactory Factory => _factory;
    public string Root { get; }

    public static string Shots { get; } = Repository.Artefacts("screenshots");

    /// <summary>Whether pages are kept as screenshots in artifacts/screenshots for people to look at: when
    /// OUTTURN_TEST_SCREENSHOTS is set (encoding each PNG costs Chromium more than the page's axe check).</summary>
    public static bool KeepShots { get; } =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OUTTURN_TEST_SCREENSHOTS"));

    /// <summary>Keeps the page as artifacts/screenshots/NAME.png when <see cref="KeepShots"/>.</summary>
    public static async Task ShotAsync(IPage page, string name, bool fullPage = false)
    {
        if (KeepShots)
        {
            await page.ScreenshotAsync(
                new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = fullPage }
            );
        }
    }

    /// <summary>Starts the app and Chromium, and signs in as the administrator (the sign-in page checked by axe
    /// first).</summary>
    public static async Task<BrowserSession> StartAsync()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        factory.UseKestrel(0);
        factory.StartServer();
        var root = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(Reports.Writers.PdfWriter.LaunchOptions);
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions
            {
                ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            }
        );
        var session = new BrowserSession(factory, database, playwright, browser, page, root);
        session.Watch(page);
        await page.GotoAsync(root + "/account/sign-in");
        await AssertAccessibleAsync(page, "/account/sign-in");
        await ShotAsync(page, "sign-in");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", OutturnFactory.AdminPassword);
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.Contains("Signed in as admin", await page.ContentAsync(), StringComparison.Ordinal);
        return session;
    }

    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await Axe.RunAsync(page);
        Assert.True(result.Violations.Count == 0, what + ": " + result.Describe());
    }

    /// <summary>Adds a person of the organisation with <paramref name="role"/> (the test password).</summary>
    public Task AddUserAsync(string name, string role, string? displayName = null) =>
        _factory.AddUserAsync(name, role, displayName: displayName);

    /// <summary>Publishes a committee's month as the publish step does (its dashboard kept as built now).</summary>
    public async Task PublishAsync(string committee, string period)
    {
        using var scope = _factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var access = services.GetRequiredService<Access>();
        var org = await services.GetRequiredService<Data.Storage.OutturnDbContext>().Organisations.SingleAsync();
        var snapshot = await services
            .GetRequiredService<ReportMaker>()
            .BuildAsync(
                new Data.Storage.ReportRequest(
                    org,
                    Domain.Reporting.ReportLayout.Dashboard,
                    Domain.Periods.Period.Parse(period),
                    committee,
                    DateTimeOffset.UtcNow
                )
            );
        await access.PublishAsync(
            org,
            committee,
            period,
            "admin",
            DateTime.UtcNow,
            default,
            Reports.Model.ReportJson.Write(snapshot)
        );
    }

    /// <summary>A page of its own (its own cookies) <paramref name="width"/> px wide, watched as <see cref="Page"/>
    /// is (failed requests, requests off the host, console errors), signed in as <paramref name="user"/> unless
    /// null.</summary>
    public async Task<IPage> NewPageAsync(int width, string? user)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = 900 },
            }
        );
        var page = await context.NewPageAsync();
        Watch(page);
        if (user is not null)
        {
            await page.GotoAsync(Root + "/account/sign-in");
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", OutturnFactory.Password);
            await page.ClickAsync("button:has-text('Sign in')");
            Assert.Contains($"Signed in as {user}", await page.ContentAsync(), StringComparison.Ordinal);
        }

        return page;
    }

    private void Watch(IPage page)
    {
        page.RequestFailed += (_, r) => _failed.Add(r.Url);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !r.Url.Contains("/nothing-here", StringComparison.Ordinal))
                _failed.Add($"{r.Status} {r.Url}");
        };
        page.Request += (_, r) =>
        {
            if (
                !r.Url.StartsWith(Root, StringComparison.Ordinal)
                && !r.Url.StartsWith("data:", StringComparison.Ordinal)
            )
            {
                _offHost.Add(r.Url);
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.Contains("404", StringComparison.Ordinal))
                _consoleErrors.Add(m.Text);
        };
    }

    /// <summary>Opens each page, checks it with axe and keeps its screenshot; then no request may have
    /// failed.</summary>
    public async Task CheckPagesAsync(IEnumerable<(string Path, string Name)> pages)
    {
        foreach (var (path, name) in pages)
        {
            await Page.GotoAsync(Root + path);
            await AssertAccessibleAsync(Page, path);
            await ShotAsync(Page, name);
        }

        AssertRequestsClean();
    }

    /// <param name="formsRefused">True when the page was sent bad forms on purpose, which are answered 400.</param>
    public void AssertRequestsClean(bool formsRefused = false)
    {
        var failed = _failed
            .Where(f => !(formsRefused && f.StartsWith("400 ", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.True(failed.Count == 0, "failed requests: " + string.Join("\n", failed));
        Assert.True(_offHost.Count == 0, "requests off the host: " + string.Join("\n", _offHost.Distinct()));
        var console = _consoleErrors
            .Where(m => !(formsRefused && m.Contains("status of 400", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.True(console.Count == 0, "console errors (a blocked script or style?): " + string.Join("\n", console));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        _factory.Dispose();
        await _database.DisposeAsync();
    }
}

/// <summary>The pages that show figures, in real headless Chromium: each passes axe-core's WCAG 2.2 AA rules.
/// (Three classes, so that xUnit checks the pages side by side.)</summary>
public class BrowserFigurePageTests
{
    [Fact]
    public async Task Every_figure_page_passes_axe()
    {
        await using var session = await BrowserSession.StartAsync();
        await session.CheckPagesAsync([
            ("/", "home"),
            ("/committees/Towns%20and%20Communities%20Scrutiny", "committee-dashboard"),
            ("/priorities/Safe", "priority-scorecard"),
            ("/measures/HO01", "measure"),
            ("/measures/CS04", "measure-comparators"),
            ("/measures/PH05", "measure-compared-with-councils"),
            ("/entry", "figures-due"),
            ("/upload", "upload"),
            ("/admin/users", "people"),
        ]);
    }
}

/// <summary>The administration, entry and information pages, in real headless Chromium: each passes axe.</summary>
public class BrowserAdminPageTests
{
    [Fact]
    public async Task Every_administration_and_information_page_passes_axe()
    {
        await using var session = await BrowserSession.StartAsync();
        using (var scope = session.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
            await new Data.Cycle.PeriodLockService(db, TimeProvider.System).LockAsync(
                await db.Organisations.SingleAsync(o => o.Name == "Borsetshire County Council"),
                Domain.Periods.Period.Month(2018, 2),
                "performance"
            );
        }

        await session.CheckPagesAsync([
            ("/admin/scheme", "scheme"),
            ("/admin/tokens", "api-tokens"),
            ("/admin/measures", "measures-admin"),
            ("/admin/measures/edit/HO01", "measure-edit"),
            ("/admin/measures/edit", "measure-add"),
            ("/admin/committees", "committees-admin"),
            ("/measures/ACT01/enter?period=2017%2F18%20Q4", "action-status"),
            ("/reports/covering", "covering-report"),
            ("/help", "help"),
            ("/reports/covering?committee=Cabinet&meeting=2018-04-24", "covering-report-editor"),
            ("/measures/HO01/enter?period=2018-03", "data-entry"),
            ("/nothing-here", "not-found"),
            ("/api/docs", "api-reference"),
            ("/accessibility", "accessibility"),
            ("/privacy", "privacy"),
            ("/cookies", "cookies"),
            ("/account/password", "password"),
            ("/account/forgot-password", "forgot-password"),
            ("/account/reset-password?user=nobody&token=expired", "reset-password-link-expired"),
            ("/collection?period=2018-03", "collection"),
            ("/collection?period=2018-02", "collection-locked"),
            ("/targets?committee=Cabinet", "targets"),
            ("/measures/HO01/enter?period=2018-02", "data-entry-locked"),
            ("/admin/audit", "audit"),
            ("/admin/deadlines", "deadlines"),
            ("/admin/comparisons", "comparisons-admin"),
        ]);
    }
}

/// <summary>What people do in real headless Chromium — make a token, enter figures, upload, publish — with each page
/// it shows checked by axe, and the period picker without JavaScript.</summary>
public class BrowserTests
{
    [Fact]
    public async Task What_people_do_passes_axe_and_the_dashboard_works_without_javascript()
    {
        await using var session = await BrowserSession.StartAsync();
        var (page, browser, root) = (session.Page, session.Browser, session.Root);
        // Make an API token: the panel that shows it once passes axe too.
        await page.GotoAsync(root + "/admin/tokens");
        await page.FillAsync("#token-name", "Data warehouse");
        await page.CheckAsync("#scope");
        await page.ClickAsync("button:has-text('Make token')");
        Assert.StartsWith("ott_", await page.InnerTextAsync("#issued-token"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "made");
        await BrowserSession.ShotAsync(page, "api-token-made");

        // Enter a bad figure: the error summary (checked by axe too); then a good one, and the dashboard changes.
        await page.GotoAsync(root + "/measures/HO01/enter?period=2018-03");
        await page.FillAsync("#value", "9x9");
        await page.ClickAsync("button:has-text('Save')");
        Assert.Contains("There is a problem", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "errors");
        await BrowserSession.ShotAsync(page, "data-entry-error");
        await page.FillAsync("#value", "999");
        await page.ClickAsync("button:has-text('Save')");
        // Far from the usual change: asked to check it first; the warning passes axe too.
        Assert.Contains("Check this figure before it is saved", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "warned");
        await page.CheckAsync("#confirmed");
        await page.ClickAsync("button:has-text('Save')");
        Assert.Contains("is now rated Red", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(root + "/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03");
        var row = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("a[href='/measures/HO01']") });
        Assert.Contains("Red", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("999", await row.InnerTextAsync(), StringComparison.Ordinal);

        // Upload a bad file: every error listed, nothing changed.
        await page.GotoAsync(root + "/upload");
        await page.SetInputFilesAsync(
            "#files",
            new FilePayload
            {
                Name = "values.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes("ref,period,value\nNOPE,2018-03,1\nHO01,2018-13,2\n"),
            }
        );
        await page.ClickAsync("button:has-text('Check the files')");
        var uploaded = await page.ContentAsync();
        Assert.Contains("2 problems", uploaded, StringComparison.Ordinal);
        Assert.Contains("NOPE", uploaded, StringComparison.Ordinal);
        Assert.Contains("2018-13", uploaded, StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "uploadErrors");
        await BrowserSession.ShotAsync(page, "upload-errors", fullPage: true);

        // Publish Cabinet's March 2018; a visitor sees it as published, and that page passes axe too.
        await page.GotoAsync(root + "/committees/Cabinet?period=2018-03");
        await page.ClickAsync("a:has-text('Check and publish March 2018')");
        await BrowserSession.AssertAccessibleAsync(page, "publishChecks");
        await page.ClickAsync("button:has-text('Publish March 2018')"); // unconfirmed: the error summary
        await page.WaitForURLAsync("**/publish?period=2018-03&unconfirmed=true");
        Assert.Contains("Confirm that the figures are ready", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "publishUnconfirmed");
        await page.CheckAsync("#confirmed");
        await page.ClickAsync("button:has-text('Publish March 2018')");
        // Publishing builds and keeps the dashboard as published: with the whole suite running beside it on two
        // cores, that has taken longer than Playwright's default 30 s.
        await page.WaitForURLAsync(
            "**/committees/Cabinet?period=2018-03",
            new PageWaitForURLOptions { Timeout = 120_000 }
        );
        var visitorContext = await browser.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(root + "/committees/Cabinet?period=2018-03");
        Assert.Contains("As published on", await visitor.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(visitor, "published");
        await BrowserSession.ShotAsync(visitor, "published-dashboard");

        // On a phone (375 px) the dashboard's tables are rows of labelled cells, nothing wider than the screen.
        var phoneContext = await browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 375, Height = 800 },
                StorageState = await page.Context.StorageStateAsync(),
            }
        );
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(root + "/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03");
        Assert.True(
            await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375,
            "the dashboard is wider than a 375 px screen"
        );
        Assert.Equal(
            "\"RAG: \"",
            await phone.EvaluateAsync<string>(
                "getComputedStyle(document.querySelector('.outturn-table td[data-label=RAG]'), '::before').content"
            )
        );
        await BrowserSession.AssertAccessibleAsync(phone, "dashboard at 375 px");
        await BrowserSession.ShotAsync(phone, "dashboard-375", fullPage: true);
        await phoneContext.CloseAsync();

        // The period picker is a plain GET form: it works with JavaScript off.
        var noScript = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync(root + "/account/sign-in");
        await plain.FillAsync("#username", "admin");
        await plain.FillAsync("#password", OutturnFactory.AdminPassword);
        await plain.ClickAsync("button:has-text('Sign in')");
        await plain.GotoAsync(root + "/committees/Cabinet");
        await plain.SelectOptionAsync("#period", "2017-06");
        await plain.ClickAsync("button:has-text('Show')");
        Assert.Contains("period=2017-06", plain.Url, StringComparison.Ordinal);
        Assert.Contains("Performance dashboard, June 2017", await plain.ContentAsync(), StringComparison.Ordinal);
        session.AssertRequestsClean(formsRefused: true);
    }
}

/// <summary>Uploading in Chromium: each malformed file gets the GOV.UK error summary naming the file and row; a good
/// file's preview lists each change before anything is imported; at 1280 and 375 px, through axe.</summary>
public class BrowserUploadTests
{
    private static async Task UploadAsync(IPage page, string root, string name, string content)
    {
        await page.GotoAsync(root + "/upload");
        await page.SetInputFilesAsync(
            "#files",
            new FilePayload
            {
                Name = name,
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(content),
            }
        );
        await page.ClickAsync("button:has-text('Check the files')");
    }

    [Fact]
    public async Task Malformed_files_are_refused_with_their_row_and_a_good_one_previewed_then_imported()
    {
        await using var session = await BrowserSession.StartAsync();
        var (page, root) = (session.Page, session.Root);
        (string Content, string Row, string Words)[] malformed =
        [
            ("ref,period,value\nCS01,2018-05,\"1300\n", "2", "quote"),
            ("ref,period,value\nHO01,2018-03\n", "2", "value"),
            ("ref;period;value\nHO01;2018-03;1\n", "", "comma"),
        ];
        foreach (var width in new[] { 1280, 375 })
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var (content, row, words) in malformed)
            {
                await UploadAsync(page, root, "values.csv", content);
                var summary = page.Locator(".govuk-error-summary");
                Assert.Equal(1, await summary.CountAsync());
                Assert.Contains("Nothing has been changed", await summary.InnerTextAsync(), StringComparison.Ordinal);
                var problem = page.Locator("table.govuk-table tbody tr").First;
                var cells = await problem.Locator("td").AllInnerTextsAsync();
                Assert.Equal("values.csv", cells[0]);
                Assert.Equal(row, cells[1].Trim());
                Assert.Contains(words, string.Join(" ", cells), StringComparison.OrdinalIgnoreCase);
                Assert.True(
                    await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width,
                    $"the upload errors are wider than {width} px"
                );
                await BrowserSession.AssertAccessibleAsync(page, $"malformed upload at {width} px");
            }
        }

        // A large file shows its progress while it is sent and checked (the answer held back a moment to see it),
        // then the server's answer replaces the page, as a form's would.
        await page.SetViewportSizeAsync(1280, 900);
        var preview = new System.Text.RegularExpressions.Regex("/upload\\?handler=Preview$");
        await page.RouteAsync(
            preview,
            async route =>
            {
                await Task.Delay(1500);
                await route.ContinueAsync();
            }
        );
        await UploadAsync(page, root, "values.csv", "ref,period,value\nCS01,2018-05,\"" + new string('x', 1_200_000));
        var progress = page.Locator(".outturn-upload-progress");
        await progress.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Matches("Sending the files|Checking the files", await progress.InnerTextAsync());
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Equal("values.csv", await page.Locator("table.govuk-table tbody tr td").First.InnerTextAsync());
        Assert.True(await page.Locator("#files").IsVisibleAsync(), "the upload form is offered again");
        await BrowserSession.AssertAccessibleAsync(page, "large upload refused");
        await page.UnrouteAsync(preview);

        // A good file: the preview lists the change, figure from → to; importing it changes the measure.
        await UploadAsync(page, root, "values.csv", "ref,period,value\nHO01,2018-03,123\n");
        var previewed = await page.ContentAsync();
        Assert.Contains("can be imported. Nothing has been changed yet.", previewed, StringComparison.Ordinal);
        var listed = page.Locator("tr", new PageLocatorOptions { HasText = "HO01" }).First;
        Assert.Contains("March 2018", await listed.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("123", await listed.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page, "upload preview");
        await BrowserSession.ShotAsync(page, "upload-preview", fullPage: true);
        await page.ClickAsync("form button.govuk-button:has-text('Import')");
        Assert.Contains("Figures imported", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(root + "/measures/HO01");
        Assert.Contains(
            "123",
            await page.Locator("#figures tbody tr").First.InnerTextAsync(),
            StringComparison.Ordinal
        );
        session.AssertRequestsClean(formsRefused: true);
    }
}
