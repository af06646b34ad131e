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
}
