using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;

namespace Outturn.Web.Tests;

public class CoveringReportTests
{
    private const string Editor = "/reports/covering?committee=Cabinet&meeting=2018-04-24";

    private static FormUrlEncodedContent Form(string token, string step, params (string Key, string Value)[] fields) =>
        new(
            new Dictionary<string, string>([
                new("Committee", "Cabinet"),
                new("Meeting", "2018-04-24"),
                new("Layout", "quarterly"),
                new("Period", "2017/18 Q4"),
                new("Format", "docx"),
                new("step", step),
                new("__RequestVerificationToken", token),
                .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)),
            ])
        );

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_officer_saves_a_meetings_paper_as_versions_and_downloads_it(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        // A new paper starts with the standard sections.
        var blank = await admin.GetStringAsync(Editor);
        Assert.Contains("value=\"Links to strategy\"", blank, StringComparison.Ordinal);
        Assert.Contains("value=\"Expected outcomes\"", blank, StringComparison.Ordinal);
        var token = OutturnFactory.Token(blank);

        // A bad line and a chart of no measure are named by their section; nothing is saved.
        var bad = await admin.PostAsync(
            "/reports/covering",
            Form(
                token,
                "save",
                ("Title", "Quarter 4 performance"),
                ("Sections[0].Heading", "Purpose"),
                ("Sections[0].Text", "To report.\n[graph: HO01]"),
                ("Sections[1].Heading", "Key issues"),
                ("Sections[1].Text", "[chart: NOPE]")
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#section-0\"", errors, StringComparison.Ordinal);
        Assert.Contains("Purpose, line 2: &#x27;[graph: HO01]&#x27;", errors, StringComparison.Ordinal);

        // Saved: the council's own heading added, "Expected outcomes" removed, Next steps moved first.
        var saved = await admin.PostAsync(
            "/reports/covering",
            Form(
                token,
                "save",
                ("Title", "Quarter 4 performance"),
                ("AgendaItem", "7"),
                ("Author", "Jo Bloggs"),
                ("Sections[0].Heading", "Purpose"),
                ("Sections[0].Text", "To report performance for the fourth quarter."),
                ("Sections[0].Order", "2"),
                ("Sections[1].Heading", "Expected outcomes"),
                ("Sections[1].Remove", "true"),
                ("Sections[2].Heading", "Next steps"),
                ("Sections[2].Order", "1"),
                ("Sections[3].Heading", "Housing delivery"),
                ("Sections[3].Text", "### Re-lets\n- faster than last year\n[chart: HO01]"),
                ("Sections[3].Order", "3")
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("&saved=1", saved.Headers.Location!.ToString(), StringComparison.Ordinal);
        var reopened = await admin.GetStringAsync(saved.Headers.Location.ToString());
        Assert.Contains("Draft saved as version 1", reopened, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Expected outcomes\"", reopened, StringComparison.Ordinal);
        Assert.True(
            reopened.IndexOf("value=\"Next steps\"", StringComparison.Ordinal)
                < reopened.IndexOf("value=\"Purpose\"", StringComparison.Ordinal)
        );
        Assert.Contains("### Re-lets", reopened, StringComparison.Ordinal);
        Assert.Contains("value=\"Jo Bloggs\"", reopened, StringComparison.Ordinal);

        // A second save is version 2; version 1 stays readable; the audit trail has both.
        await admin.PostAsync(
            "/reports/covering",
            Form(
                OutturnFactory.Token(reopened),
                "save",
                ("Title", "Quarter 4 performance (revised)"),
                ("Sections[0].Heading", "Purpose"),
                ("Sections[0].Text", "Revised.")
            )
        );
        var first = await admin.GetStringAsync(Editor + "&version=1");
        Assert.Contains("You are reading version 1", first, StringComparison.Ordinal);
        Assert.Contains("value=\"Quarter 4 performance\"", first, StringComparison.Ordinal);
        var list = await admin.GetStringAsync("/reports/covering");
        Assert.Contains("Quarter 4 performance (revised)", list, StringComparison.Ordinal);
        Assert.Contains("Version 2 by admin", list, StringComparison.Ordinal);
        await using (var context = await db.OpenAsync())
        {
            // Beside the demo's own paper for another meeting.
            Assert.Equal(
                [1, 2],
                await context
                    .CoveringReportDrafts.Where(d => d.Meeting == new DateOnly(2018, 4, 24))
                    .OrderBy(d => d.Version)
                    .Select(d => d.Version)
                    .ToListAsync()
            );
            Assert.Equal(
                2,
                await context.AuditEvents.CountAsync(e =>
                    e.Kind == "covering-report-saved" && e.Subject == "Cabinet, meeting of 2018-04-24"
                )
            );
        }

        // Downloaded: numbered sections, the header, the chart, Appendix A.
        var response = await admin.PostAsync(
            "/reports/covering",
            Form(
                OutturnFactory.Token(reopened),
                "download",
                ("Title", "Quarter 4 performance"),
                ("AgendaItem", "7"),
                ("Sections[0].Heading", "Purpose"),
                ("Sections[0].Text", "To report performance for the fourth quarter."),
                ("Sections[1].Heading", "Housing delivery"),
                ("Sections[1].Text", "### Re-lets\n- faster than last year\n[chart: HO01]")
            )
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "cabinet-covering-report-2018-04-24.docx",
            response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
        );
        using var word = WordprocessingDocument.Open(
            new MemoryStream(await response.Content.ReadAsByteArrayAsync()),
            false
        );
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Agenda item7", text, StringComparison.Ordinal);
        Assert.Contains("1. Purpose", text, StringComparison.Ordinal);
        Assert.Contains("2.1 Re-lets", text, StringComparison.Ordinal);
        Assert.Contains("• faster than last year", text, StringComparison.Ordinal);
        Assert.Single(word.MainDocumentPart.ChartParts);
        Assert.True(
            text.IndexOf("1. Purpose", StringComparison.Ordinal) < text.IndexOf("Appendix A:", StringComparison.Ordinal)
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_paper_published_with_the_dashboard_is_public_and_kept_as_published(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var visitor = factory.Browser();
        const string paper = "/committees/Cabinet/covering-report?period=2018-03";

        // The check page offers the committee's papers, the one for the first meeting after March chosen.
        var checks = await admin.GetStringAsync("/committees/Cabinet/publish?period=2018-03");
        var offered = System.Text.RegularExpressions.Regex.Match(
            checks,
            "id=\"covering-(?<id>\\d+)\" name=\"covering\" type=\"radio\"\\s+value=\"\\d+\" checked=\"checked\""
        );
        Assert.True(offered.Success, "the demo's paper for 15 May 2018 is chosen");
        Assert.Contains("for the meeting of 15 May 2018", checks, StringComparison.Ordinal);
        var id = offered.Groups["id"].Value;
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostAsync("/committees/Cabinet?handler=Publish", PublishForm(checks, "2018-03", "0"))
            ).StatusCode
        );

        // Published with it: anyone who may see the dashboard may read the paper, in Word and as a web page.
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await admin.PostAsync("/committees/Cabinet?handler=Publish", PublishForm(checks, "2018-03", id))
            ).StatusCode
        );
        var dashboard = await visitor.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("The covering report published with this dashboard", dashboard, StringComparison.Ordinal);
        var html = await visitor.GetStringAsync(paper + "&format=html");
        Assert.Contains("Council Plan performance: quarter 4, 2017/18", html, StringComparison.Ordinal);
        Assert.Contains("Sam Okafor", html, StringComparison.Ordinal);
        Assert.Contains("Appendix A", html, StringComparison.Ordinal);
        var word = await visitor.GetAsync(paper + "&format=docx");
        Assert.Equal(
            "cabinet-covering-report-2018-03.docx",
            word.Content.Headers.ContentDisposition?.FileName?.Trim('"')
        );
        using (
            var document = WordprocessingDocument.Open(
                new MemoryStream(await word.Content.ReadAsByteArrayAsync()),
                false
            )
        )
        {
            Assert.Contains(
                "2. Recommendations",
                document.MainDocumentPart!.Document.Body!.InnerText,
                StringComparison.Ordinal
            );
        }

        // A later save of the paper does not change what was published.
        await using (var context = await db.OpenAsync())
        {
            var org = await context.Organisations.SingleAsync();
            await new Data.Storage.CoveringDrafts(context, TimeProvider.System).SaveAsync(
                org,
                Data.Storage.DemoCouncil.Paper,
                "Rewritten after publication",
                null,
                null,
                "## Purpose\nRewritten.\n",
                "admin"
            );
        }

        var again = await visitor.GetStringAsync(paper + "&format=html");
        Assert.Contains("Council Plan performance: quarter 4, 2017/18", again, StringComparison.Ordinal);
        Assert.DoesNotContain("Rewritten", again, StringComparison.Ordinal);

        // A period not published, or published without a paper: nothing to read.
        var unpublished = await visitor.GetAsync("/committees/Cabinet/covering-report?period=2018-02&format=html");
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Contains("/account/sign-in", unpublished.Headers.Location!.ToString(), StringComparison.Ordinal);
        var februaryChecks = await admin.GetStringAsync("/committees/Cabinet/publish?period=2018-02");
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await admin.PostAsync("/committees/Cabinet?handler=Publish", PublishForm(februaryChecks, "2018-02", ""))
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await visitor.GetAsync("/committees/Cabinet/covering-report?period=2018-02&format=html")).StatusCode
        );
        Assert.DoesNotContain(
            "The covering report published with this dashboard",
            await visitor.GetStringAsync("/committees/Cabinet?period=2018-02"),
            StringComparison.Ordinal
        );
    }

    private static FormUrlEncodedContent PublishForm(string page, string period, string covering) =>
        new(
            new Dictionary<string, string>
            {
                ["period"] = period,
                ["confirmed"] = "true",
                ["covering"] = covering,
                ["__RequestVerificationToken"] = OutturnFactory.Token(page),
            }
        );
}
