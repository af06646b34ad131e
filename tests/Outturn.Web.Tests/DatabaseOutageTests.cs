using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>PostgreSQL stopped and started again while figures are being written: requests meanwhile get "503" with a
/// time to retry (a page in words, a ProblemDetails for the API), never a stack trace; the app recovers by itself;
/// and every write it acknowledged is there afterwards.</summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_restarts_requests_get_503_and_every_acknowledged_write_is_kept()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using var database = TestDatabase.Existing(DatabaseTarget.Parse(cluster.ConnectionString));
        using var factory = new OutturnFactory(database);
        var admin = factory.Browser();
        var signIn = await OutturnFactory.SignInAsync(admin, "admin", OutturnFactory.AdminPassword);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        var visitor = factory.Browser();
        var writer = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, ApiScope.Write));

        // A figure a request, each in a month of its own, for as long as the test runs.
        var acknowledged = new ConcurrentQueue<string>();
        var statuses = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var period = Domain.Periods.Period.Month(1990, 1).Shift(i).ToString();
                var row = new
                {
                    @ref = "HO01",
                    period,
                    value = "1" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                using var response = await writer.PostAsJsonAsync(
                    $"{ApiTests.Org}/values",
                    new { values = new[] { row } }
                );
                statuses.Enqueue(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Enqueue(period);
                }

                await Task.Delay(20);
            }
        });

        await Task.Delay(500);
        await cluster.StopAsync();

        using (var page = await visitor.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), page.Headers.RetryAfter?.Delta);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Sorry, the service is unavailable", html, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        }

        // A signed-in person's session cannot be checked either: the same page, not an error of the error page.
        using (var page = await admin.GetAsync("/collection"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains(
                "Sorry, the service is unavailable",
                await page.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
        }

        using (var api = await writer.GetAsync($"{ApiTests.Org}/items"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains("try again", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Task.Delay(300);
        await cluster.StartAgainAsync();

        // The app recovers by itself: a page works again within a few tries (a pooled connection may still be broken).
        var recovered = false;
        for (var attempt = 0; attempt < 20 && !recovered; attempt++)
        {
            using var page = await visitor.GetAsync("/");
            recovered = page.StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
                await Task.Delay(250);
            }
        }

        Assert.True(recovered, "the app did not recover after the database came back");
        // Writing carries on too.
        var before = acknowledged.Count;
        for (var wait = 0; wait < 200 && acknowledged.Count < before + 5; wait++)
        {
            await Task.Delay(50);
        }

        Assert.True(acknowledged.Count >= before + 5, "writes did not resume after the database came back");

        await stop.CancelAsync();
        await writing;

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        await using var db = await database.OpenAsync();
        var item = await db.Items.SingleAsync(i => i.Ref == "HO01");
        var stored = (await db.Entries.Where(e => e.ItemId == item.Id).Select(e => e.Period).ToListAsync()).ToHashSet();
        Assert.All(acknowledged, period => Assert.Contains(period, stored));
    }
}
