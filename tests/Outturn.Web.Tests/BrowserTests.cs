using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Outturn.Web.Tests;

/// <summary>The pages in real headless Chromium on a real Kestrel server: axe-core's WCAG 2.2 AA rules, the period
/// picker without JavaScript, and screenshots for docs/.</summary>
public class BrowserTests
{
    [Fact]
    public async Task Every_page_passes_axe_and_the_dashboard_works_without_javascript()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        factory.UseKestrel(0);
        factory.StartServer();
        var root = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Reports.Writers.PdfWriter.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        // No page may fail a request (a missing font), ask another host for anything, or break its own security policy.
        var failed = new List<string>();
        var offHost = new List<string>();
        var consoleErrors = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.Contains("/nothing-here", StringComparison.Ordinal)) failed.Add($"{r.Status} {r.Url}"); };
        page.Request += (_, r) => { if (!r.Url.StartsWith(root, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) offHost.Add(r.Url); };
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("404", StringComparison.Ordinal)) consoleErrors.Add(m.Text); };
        await page.GotoAsync(root + "/account/sign-in");
        var signIn = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(signIn.Violations.Length == 0, string.Join("\n", signIn.Violations.Select(v => v.Id)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "artifacts", "screenshots", "sign-in.png") });
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", OutturnFactory.AdminPassword);
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.Contains("Signed in as admin", await page.ContentAsync(), StringComparison.Ordinal);
        var shots = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts", "screenshots")).FullName;

        foreach (var (path, name) in new[] { ("/", "home"), ("/committees/Towns%20and%20Communities%20Scrutiny", "committee-dashboard"), ("/priorities/Safe", "priority-scorecard"), ("/measures/HO01", "measure"), ("/measures/CS04", "measure-comparators"), ("/entry", "figures-due"), ("/upload", "upload"), ("/admin/users", "people"), ("/admin/scheme", "scheme"), ("/admin/tokens", "api-tokens"), ("/admin/measures", "measures-admin"), ("/admin/measures/edit/HO01", "measure-edit"), ("/admin/measures/edit", "measure-add"), ("/admin/committees", "committees-admin"), ("/measures/ACT01/enter?period=2017%2F18%20Q4", "action-status"), ("/reports/covering", "covering-report"), ("/measures/HO01/enter?period=2018-03", "data-entry"), ("/nothing-here", "not-found"), ("/api/docs", "api-reference"), ("/accessibility", "accessibility"), ("/privacy", "privacy"), ("/cookies", "cookies") })
        {
            await page.GotoAsync(root + path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
            Assert.True(result.Violations.Length == 0, path + ": " + string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} e.g. {v.Nodes.FirstOrDefault()?.Html}")));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, name + ".png"), FullPage = false });
        }

        Assert.True(failed.Count == 0, "failed requests: " + string.Join("\n", failed.Distinct()));
        Assert.True(offHost.Count == 0, "requests off the host: " + string.Join("\n", offHost.Distinct()));
        Assert.True(consoleErrors.Count == 0, "console errors (a blocked script or style?): " + string.Join("\n", consoleErrors.Distinct()));

        // Make an API token: the panel that shows it once passes axe too.
        await page.GotoAsync(root + "/admin/tokens");
        await page.FillAsync("#token-name", "Data warehouse");
        await page.CheckAsync("#scope");
        await page.ClickAsync("button:has-text('Make token')");
        Assert.StartsWith("ott_", await page.InnerTextAsync("#issued-token"), StringComparison.Ordinal);
        var made = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(made.Violations.Length == 0, string.Join("\n", made.Violations.Select(v => $"{v.Id}: {v.Help} e.g. {v.Nodes.FirstOrDefault()?.Html}")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "api-token-made.png") });

        // Enter a bad figure: the error summary (checked by axe too); then a good one, and the dashboard changes.
        await page.GotoAsync(root + "/measures/HO01/enter?period=2018-03");
        await page.FillAsync("#value", "9x9");
        await page.ClickAsync("button:has-text('Save')");
        Assert.Contains("There is a problem", await page.ContentAsync(), StringComparison.Ordinal);
        var errors = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(errors.Violations.Length == 0, string.Join("\n", errors.Violations.Select(v => v.Id)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "data-entry-error.png") });
        await page.FillAsync("#value", "999");
        await page.ClickAsync("button:has-text('Save')");
        // Far from the usual change: asked to check it first; the warning passes axe too.
        Assert.Contains("Check this figure before it is saved", await page.ContentAsync(), StringComparison.Ordinal);
        var warned = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(warned.Violations.Length == 0, string.Join("\n", warned.Violations.Select(v => v.Id)));
        await page.CheckAsync("#confirmed");
        await page.ClickAsync("button:has-text('Save')");
        Assert.Contains("is now rated Red", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync(root + "/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03");
        var row = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("a[href='/measures/HO01']") });
        Assert.Contains("Red", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("999", await row.InnerTextAsync(), StringComparison.Ordinal);

        // Upload a bad file: every error listed, nothing changed.
        await page.GotoAsync(root + "/upload");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "values.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("ref,period,value\nNOPE,2018-03,1\nHO01,2018-13,2\n") });
        await page.ClickAsync("button:has-text('Check the files')");
        var uploaded = await page.ContentAsync();
        Assert.Contains("2 problems", uploaded, StringComparison.Ordinal);
        Assert.Contains("NOPE", uploaded, StringComparison.Ordinal);
        Assert.Contains("2018-13", uploaded, StringComparison.Ordinal);
        var uploadErrors = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(uploadErrors.Violations.Length == 0, string.Join("\n", uploadErrors.Violations.Select(v => v.Id)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "upload-errors.png"), FullPage = true });

        // Publish Cabinet's March 2018; a visitor sees it as published, and that page passes axe too.
        await page.GotoAsync(root + "/committees/Cabinet?period=2018-03");
        await page.ClickAsync("button:has-text('Publish March 2018')");
        var visitorContext = await browser.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(root + "/committees/Cabinet?period=2018-03");
        Assert.Contains("As published on", await visitor.ContentAsync(), StringComparison.Ordinal);
        var published = await visitor.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(published.Violations.Length == 0, string.Join("\n", published.Violations.Select(v => $"{v.Id}: {v.Help} e.g. {v.Nodes.FirstOrDefault()?.Html}")));
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "published-dashboard.png") });

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
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outturn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
