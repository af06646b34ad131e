using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Rating;
using Outturn.Web.Pages;

namespace Outturn.Web.Tests;

/// <summary>Long lists are searched, filtered and paged: the measures list by a shareable GET form, a measure's
/// figures and change history a page at a time.</summary>
public class ListTests
{
    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 2, "1 2")]
    [InlineData(1, 10, "1 2 … 10")]
    [InlineData(5, 10, "1 … 4 5 6 … 10")]
    [InlineData(3, 10, "1 2 3 4 … 10")]
    [InlineData(10, 10, "1 … 9 10")]
    [InlineData(9, 10, "1 … 8 9 10")]
    public void Pagination_offers_the_first_and_last_pages_and_the_current_ones_neighbours(
        int page,
        int pages,
        string expected
    )
    {
        var items = new Pagination(page, pages, "/x", []).Items();
        Assert.Equal(expected, string.Join(" ", items.Select(i => i?.ToString() ?? "…")));
    }

    [Fact]
    public void A_page_link_keeps_the_other_filters_and_page_one_has_no_number()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/admin/measures";
        context.Request.QueryString = new QueryString("?q=fly%20tipping&page=3&committee=Cabinet");
        var paged = Paged.Of(Enumerable.Range(1, 120).ToList(), 3, 50);
        var pagination = Pagination.For(paged, context.Request);

        Assert.Equal("/admin/measures?q=fly%20tipping&committee=Cabinet&page=2", pagination.Href(2));
        Assert.Equal("/admin/measures?q=fly%20tipping&committee=Cabinet", pagination.Href(1));
        Assert.Equal("101 to 120 of 120 rows", paged.Range("rows"));
    }

    [Theory]
    [InlineData(null, 1, "1 2 3")]
    [InlineData(0, 1, "1 2 3")]
    [InlineData(-4, 1, "1 2 3")]
    [InlineData(2, 2, "4 5 6")]
    [InlineData(4, 4, "10")]
    [InlineData(99, 4, "10")]
    public void A_page_outside_the_list_is_its_nearest_end(int? asked, int page, string rows)
    {
        var paged = Paged.Of(Enumerable.Range(1, 10).ToList(), asked, 3);
        Assert.Equal(page, paged.Page);
        Assert.Equal(4, paged.Pages);
        Assert.Equal(rows, string.Join(" ", paged.Rows));
    }

    [Fact]
    public void An_empty_list_is_one_empty_page()
    {
        var paged = Paged.Of(new List<int>(), 3, 25);
        Assert.Equal((1, 1, 0, 0), (paged.Page, paged.Pages, paged.First, paged.Last));
        Assert.Equal("0 rows", paged.Range("rows"));
    }

    private static List<string> Refs(string html) =>
        [
            .. Regex
                .Matches(html, "href=\"/admin/measures/edit/([^\"]+)\"")
                .Select(m => Uri.UnescapeDataString(m.Groups[1].Value)),
        ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_measures_list_is_searched_filtered_and_paged(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        IReadOnlyList<ItemEvaluation> all;
        await using (var context = await database.OpenAsync())
        {
            var evaluations = new EvaluationService(context);
            var org = await context.Organisations.SingleAsync();
            var month = await evaluations.ReportingPeriodAsync(
                org,
                Domain.Periods.PeriodKind.Month,
                DateTimeOffset.UtcNow
            );
            all = await evaluations.EvaluateAsync(org, month);
        }

        // Fifty to a page, in report order, the pages linked.
        var first = await admin.GetStringAsync("/admin/measures");
        Assert.Equal(all.Take(50).Select(e => e.Item.Ref), Refs(first));
        Assert.Contains($"1 to 50 of {all.Count} measures and actions", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/measures?page=2\"", first, StringComparison.Ordinal);
        var second = await admin.GetStringAsync("/admin/measures?page=2");
        Assert.Equal(all.Skip(50).Take(50).Select(e => e.Item.Ref), Refs(second));
        Assert.Equal(Refs(second), Refs(await admin.GetStringAsync("/admin/measures?page=200")));

        // Words are found in the ref, title, owner or tags, whatever their case; every word must be found.
        Assert.Equal(["CS05"], Refs(await admin.GetStringAsync("/admin/measures?q=cs05")));
        var words = await admin.GetStringAsync("/admin/measures?q=" + Uri.EscapeDataString("community SAFETY lead"));
        Assert.Equal(
            all.Where(e => e.Item.Owner?.Contains("community safety lead", StringComparison.OrdinalIgnoreCase) == true)
                .Select(e => e.Item.Ref),
            Refs(words)
        );
        Assert.NotEmpty(Refs(words));

        // Each list matches exactly, and filters combine.
        var cabinetMeasures = all.Where(e =>
                e.Committees.Contains("Cabinet") && e.Item.Kind == Domain.Framework.ItemKind.Measure
            )
            .Select(e => e.Item.Ref)
            .ToList();
        var cabinet = await admin.GetStringAsync("/admin/measures?committee=Cabinet&kind=measure");
        Assert.Equal(cabinetMeasures.Take(50), Refs(cabinet));
        Assert.Contains("selected=\"selected\">Cabinet</option>", cabinet, StringComparison.Ordinal);
        Assert.Contains("Show every measure and action", cabinet, StringComparison.Ordinal);

        var tagged = all.Where(e => (e.Item.Tags ?? "").Split(';').Contains("Council Scorecard")).ToList();
        Assert.NotEmpty(tagged);
        Assert.Equal(
            tagged.Take(50).Select(e => e.Item.Ref),
            Refs(await admin.GetStringAsync("/admin/measures?tag=council%20scorecard"))
        );

        foreach (var rag in new[] { Rag.Red, Rag.Green, Rag.NoData })
        {
            var code = Domain.Framework.Codes.Of(rag);
            Assert.Equal(
                all.Where(e => e.Evaluation.Rating.Final == rag).Take(50).Select(e => e.Item.Ref),
                Refs(await admin.GetStringAsync($"/admin/measures?rating={code}"))
            );
        }

        var red = all.First(e => e.Evaluation.Rating.Final == Rag.Red && e.Theme is not null);
        var theme = await admin.GetStringAsync($"/admin/measures?theme={Uri.EscapeDataString(red.Theme!)}&rating=red");
        Assert.Equal(
            all.Where(e => e.Theme == red.Theme && e.Evaluation.Rating.Final == Rag.Red).Select(e => e.Item.Ref),
            Refs(theme)
        );

        var none = await admin.GetAsync("/admin/measures?q=no-such-measure-anywhere");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        var noneHtml = await none.Content.ReadAsStringAsync();
        Assert.Empty(Refs(noneHtml));
        Assert.Contains("No measure or action matches", noneHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measures_figures_and_history_come_a_page_at_a_time_latest_first()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        List<string> periods;
        await using (var context = await database.OpenAsync())
        {
            var item = await context.Items.SingleAsync(i => i.Ref == "CS05");
            var entries = await context
                .Entries.Where(e => e.ItemId == item.Id)
                .OrderByDescending(e => e.PeriodEnd)
                .ToListAsync();
            periods = [.. entries.Select(e => Domain.Periods.Period.Parse(e.Period).Label)];
            var at = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
            for (var n = 0; n < 30; n++)
            {
                context.EntryChanges.Add(
                    new EntryChange
                    {
                        EntryId = entries[0].Id,
                        Field = "value",
                        OldValue = $"{n}",
                        NewValue = $"{n + 1}",
                        ChangedBy = "officer",
                        ChangedAt = at.AddMinutes(n),
                    }
                );
            }

            await context.SaveChangesAsync();
        }

        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var page1 = await admin.GetStringAsync("/measures/CS05");
        var figures = Section(page1, "figures");
        Assert.Equal(periods.Take(25), RowHeaders(figures));
        Assert.Contains($"1 to 25 of {periods.Count} periods", figures, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Pages of figures\"", page1, StringComparison.Ordinal);
        Assert.Contains("href=\"/measures/CS05?figures=2#figures\"", page1, StringComparison.Ordinal);

        // The history's own pages leave the figures' page where it was, and name periods in words.
        var page2 = await admin.GetStringAsync("/measures/CS05?figures=2&changes=2");
        Assert.Equal(periods.Skip(25).Take(25), RowHeaders(Section(page2, "figures")));
        var changes = Section(page2, "changes");
        Assert.Contains("26 to 30 of 30 changes", changes, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(changes, $"<td class=\"govuk-table__cell\">{Regex.Escape(periods[0])}</td>"));
        Assert.Contains("href=\"/measures/CS05?figures=2#changes\"", page2, StringComparison.Ordinal);
        Assert.Contains(">1</td>", changes, StringComparison.Ordinal);
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static List<string> RowHeaders(string table) =>
        [
            .. Regex
                .Matches(table, "<th scope=\"row\" class=\"govuk-table__header\">([^<]+)</th>")
                .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)),
        ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task People_tokens_and_the_audit_trail_are_searched_and_paged(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("jsmith", Roles.MeasureOwner, displayName: "Jo Smith");
        await factory.AddUserAsync("asmithers", Roles.Councillor, displayName: "Alex Smithers");
        await factory.AddUserAsync("pat", Roles.MeasureOwner, displayName: "Pat Jones");
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        static List<string> Names(string html, string id) =>
            [
                .. Regex
                    .Matches(
                        Section(html, id),
                        "<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\">([^<]+)</td>"
                    )
                    .Select(m => m.Groups[1].Value),
            ];

        Assert.Equal(["asmithers", "jsmith"], Names(await admin.GetStringAsync("/admin/users?q=SMITH"), "people"));
        Assert.Equal(
            ["jsmith"],
            Names(await admin.GetStringAsync($"/admin/users?q=smith&has-role={Roles.MeasureOwner}"), "people")
        );
        Assert.Equal(
            ["jsmith", "pat"],
            Names(await admin.GetStringAsync($"/admin/users?has-role={Roles.MeasureOwner}&access=yes"), "people")
        );
        var nobody = await admin.GetStringAsync("/admin/users?q=nobody-of-that-name");
        Assert.Contains("No one matches", nobody, StringComparison.Ordinal);
        // Everyone is still offered as a manager or deputy, whoever the table shows.
        Assert.Contains(
            ">Pat Jones</option>",
            await admin.GetStringAsync("/admin/users?q=smith"),
            StringComparison.Ordinal
        );

        int orgId;
        await using (var context = await database.OpenAsync())
        {
            orgId = (await context.Organisations.SingleAsync()).Id;
            var store = new ApiTokenStore(context, TimeProvider.System);
            await store.IssueAsync(orgId, "Social care feed", ApiScope.Write, TimeSpan.FromDays(90), "admin");
            var warehouse = await store.IssueAsync(
                orgId,
                "Data warehouse",
                ApiScope.Read,
                TimeSpan.FromDays(30),
                "admin"
            );
            await store.RevokeAsync(orgId, warehouse.Token.Id, "admin");
            var at = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var n = 0; n < 130; n++)
            {
                await AuditLog.WriteAsync(
                    context,
                    orgId,
                    at.AddMinutes(n),
                    "officer",
                    AuditKinds.Published,
                    $"Cabinet {n}"
                );
            }

            await AuditLog.WriteAsync(context, orgId, at, "officer", AuditKinds.Published, "Adults Scrutiny, April");
        }

        Assert.Equal(["Social care feed"], Names(await admin.GetStringAsync("/admin/tokens?q=care"), "tokens"));
        Assert.Equal(["Data warehouse"], Names(await admin.GetStringAsync("/admin/tokens?status=revoked"), "tokens"));
        Assert.Equal(["Social care feed"], Names(await admin.GetStringAsync("/admin/tokens?status=active"), "tokens"));

        // The audit trail, a hundred to a page, newest first, found by words in what an event concerns.
        var audit = await admin.GetStringAsync("/admin/audit?kind=published");
        Assert.Contains("1 to 100 of 131 events", audit, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit?kind=published&amp;page=2\"", audit, StringComparison.Ordinal);
        Assert.Contains(">Cabinet 129</td>", audit, StringComparison.Ordinal);
        var older = await admin.GetStringAsync("/admin/audit?kind=published&page=2");
        Assert.Contains("101 to 131 of 131 events", older, StringComparison.Ordinal);
        Assert.Contains(">Cabinet 0</td>", older, StringComparison.Ordinal);
        Assert.DoesNotContain(">Cabinet 129</td>", older, StringComparison.Ordinal);
        var found = await admin.GetStringAsync("/admin/audit?q=adults%20SCRUTINY");
        Assert.Contains(">Adults Scrutiny, April</td>", found, StringComparison.Ordinal);
        Assert.DoesNotContain(">Cabinet 1</td>", found, StringComparison.Ordinal);
        var csv = await admin.GetStringAsync("/admin/audit?handler=Download&kind=&actor=&q=scrutiny%2C%20APRIL");
        Assert.Equal(2, csv.Trim().Split('\n').Length);
    }
}
