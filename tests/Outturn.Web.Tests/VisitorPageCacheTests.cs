using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>A page visitors read is rendered once and its bytes served again while nothing under it changed — figures,
/// framework, publications, changed by any process — with an entity tag a browser can check; signed-in people are
/// never served from it.</summary>
public class VisitorPageCacheTests
{
    private const string Url = "/committees/Cabinet?period=2018-02";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_visitors_page_is_kept_until_its_data_or_publication_changes(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var cache = factory.Services.GetRequiredService<VisitorPageCache>();
        var visitor = factory.Browser();

        // Not yet published: the visitor is asked to sign in, and nothing is kept.
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(Url)).StatusCode);
        Assert.Equal((0, 0), (cache.Stores, cache.Hits));
        // Another process publishes it.
        await using (var other = await database.OpenAsync())
        {
            var org = await other.Organisations.SingleAsync();
            await new Publishing(other).PublishAsync(org, "Cabinet", "2018-02", "officer", DateTime.UtcNow, default);
        }

        using var first = await visitor.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("CS01", page, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", page, StringComparison.Ordinal);
        var tag = first.Headers.ETag ?? throw new InvalidOperationException("no entity tag");
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal((1, 0), (cache.Stores, cache.Hits));

        Assert.Equal(page, await visitor.GetStringAsync(Url));
        Assert.Equal((1, 1), (cache.Stores, cache.Hits));
        using (var check = new HttpRequestMessage(HttpMethod.Get, Url))
        {
            check.Headers.IfNoneMatch.Add(tag);
            using var notModified = await visitor.SendAsync(check);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, notModified.Headers.ETag);
        }

        Assert.Equal((1, 2), (cache.Stores, cache.Hits));

        // Another address is another page.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Url + "&show=red")).StatusCode);
        Assert.Equal((2, 2), (cache.Stores, cache.Hits));

        // The organisation's own people never get the visitors' bytes, nor are theirs kept.
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        Assert.Contains("Signed in as", await admin.GetStringAsync(Url), StringComparison.Ordinal);
        Assert.Equal((2, 2), (cache.Stores, cache.Hits));

        // A figure changed by another process (the outturn command) is a change too: the measure page shows it, and
        // the dashboard is drawn again.
        const string measure = "/measures/CS01";
        Assert.DoesNotContain("9,876", await visitor.GetStringAsync(measure), StringComparison.Ordinal);
        Assert.Equal((3, 2), (cache.Stores, cache.Hits));
        using (var folder = new TempFolder())
        {
            var file = folder.Write("values.csv", "ref,period,value\nCS01,2018-01,9876\n");
            await using var other = await database.OpenAsync();
            await new Importer(other, TimeProvider.System).ImportAsync("Borsetshire County Council", [file], "cli");
        }

        Assert.Contains("9,876", await visitor.GetStringAsync(measure), StringComparison.Ordinal);
        Assert.Equal(page.Length > 0, (await visitor.GetStringAsync(Url)).Length > 0);
        Assert.Equal((5, 2), (cache.Stores, cache.Hits));

        // Another process withdraws the publication: the next visitor is told so, and an old tag no longer matches.
        await using (var other = await database.OpenAsync())
        {
            var org = await other.Organisations.SingleAsync();
            await new Publishing(other).WithdrawAsync(
                org,
                "Cabinet",
                "2018-02",
                "officer",
                DateTime.UtcNow,
                "Figures under review",
                CancellationToken.None
            );
        }

        using (var check = new HttpRequestMessage(HttpMethod.Get, Url))
        {
            check.Headers.IfNoneMatch.Add(tag);
            using var withdrawn = await visitor.SendAsync(check);
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
            Assert.Contains(
                "Figures under review",
                await withdrawn.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
            Assert.NotEqual(tag, withdrawn.Headers.ETag);
        }

        Assert.Equal((6, 2), (cache.Stores, cache.Hits));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Figures_for_a_month_not_yet_published_leave_visitors_pages_as_they_are(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var cache = factory.Services.GetRequiredService<VisitorPageCache>();
        var visitor = factory.Browser();
        await using (var other = await database.OpenAsync())
        {
            var org = await other.Organisations.SingleAsync();
            await new Publishing(other).PublishAsync(org, "Cabinet", "2018-02", "officer", DateTime.UtcNow, default);
        }

        const string measure = "/measures/CS01";
        var page = await visitor.GetStringAsync(measure);
        var dashboard = await visitor.GetStringAsync(Url);
        Assert.Equal((2, 0), (cache.Stores, cache.Hits));

        // March is being collected: its figures, entered through the web app's service and imported by another
        // process, are the organisation's own until March is published.
        async Task ImportAsync(string values)
        {
            using var folder = new TempFolder();
            var file = folder.Write("values.csv", "ref,period,value\n" + values);
            await using var other = await database.OpenAsync();
            await new Importer(other, TimeProvider.System).ImportAsync("Borsetshire County Council", [file], "cli");
        }

        await ImportAsync("CS01,2018-03,9876\n");
        await using (var other = await database.OpenAsync())
        {
            var item = await other.Items.SingleAsync(i => i.Ref == "CS02");
            await new EntryService(other, TimeProvider.System).SaveAsync(
                item,
                Domain.Periods.Period.Month(2018, 3),
                new Data.Entities.Entry
                {
                    Period = "2018-03",
                    Commentary = "Drafted, not yet signed off",
                    UpdatedBy = "owner",
                },
                Data.Interchange.EntryField.Commentary,
                "owner",
                "web"
            );
        }

        Assert.Equal(page, await visitor.GetStringAsync(measure));
        Assert.Equal(dashboard, await visitor.GetStringAsync(Url));
        Assert.Equal((2, 2), (cache.Stores, cache.Hits));
        // What the visitor was served is what the page is: an app that has kept nothing draws the same.
        using (var fresh = new OutturnFactory(database))
        {
            Assert.Equal(page, await fresh.Browser().GetStringAsync(measure));
        }

        // The organisation's own people see the new figure at once.
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        Assert.Contains("9,876", await admin.GetStringAsync(measure), StringComparison.Ordinal);

        // A figure of a month already published is open as it stands, so it is drawn again.
        await ImportAsync("CS01,2018-01,1234\n");
        Assert.Contains("1,234", await visitor.GetStringAsync(measure), StringComparison.Ordinal);
        Assert.Equal((3, 2), (cache.Stores, cache.Hits));

        // Publishing March opens its figures.
        await using (var other = await database.OpenAsync())
        {
            var org = await other.Organisations.SingleAsync();
            await new Publishing(other).PublishAsync(org, "Cabinet", "2018-03", "officer", DateTime.UtcNow, default);
        }

        Assert.Contains("9,876", await visitor.GetStringAsync(measure), StringComparison.Ordinal);
        Assert.Equal((4, 2), (cache.Stores, cache.Hits));
    }

    [Fact]
    public async Task What_is_not_a_page_for_visitors_is_passed_on_and_not_kept()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var cache = factory.Services.GetRequiredService<VisitorPageCache>();
        var visitor = factory.Browser();

        // An unpublished period asks the visitor to sign in; a committee that does not exist is not found.
        using var unpublished = await visitor.GetAsync("/committees/Cabinet?period=2018-03");
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        using var missing = await visitor.GetAsync("/committees/Nobody?period=2018-02");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A page that is not marked (the sign-in page, with its form) is never kept.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/account/sign-in")).StatusCode);
        Assert.Equal((0, 0), (cache.Stores, cache.Hits));
        Assert.Null((await visitor.GetAsync("/account/sign-in")).Headers.ETag);
    }
}
