using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>A dashboard is built once and served again while nothing under it changed; any change, by any path
/// (another process's import, the scheme), is seen on the next request.</summary>
public class ReportCacheTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cached_dashboard_is_never_served_after_its_data_changed(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        const string url = "/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03";
        static string Row(string html) =>
            System
                .Text.RegularExpressions.Regex.Match(
                    html,
                    "<tr[^>]*>(?:(?!</tr>).)*?/measures/HO01\"(?:(?!</tr>).)*</tr>",
                    System.Text.RegularExpressions.RegexOptions.Singleline
                )
                .Value;

        var cache = factory.Services.GetRequiredService<Web.ReportCache>();
        var first = Row(await admin.GetStringAsync(url));
        Assert.Contains("229", first, StringComparison.Ordinal);
        Assert.Equal((1, 0), (cache.Builds, cache.Hits));
        Assert.Equal(first, Row(await admin.GetStringAsync(url)));
        Assert.Equal((1, 1), (cache.Builds, cache.Hits));
        // The same dashboard downloaded is the same build.
        var csv = await admin.GetStringAsync(
            "/reports/dashboard?committee=Towns%20and%20Communities%20Scrutiny&period=2018-03&format=csv"
        );
        Assert.Contains("HO01", csv, StringComparison.Ordinal);
        Assert.Equal((1, 2), (cache.Builds, cache.Hits));

        // Another process (the outturn command) imports a new figure straight into the database.
        using (var folder = new TempFolder())
        {
            var file = folder.Write("values.csv", "ref,period,value\nHO01,2018-03,777\n");
            await using var other = await database.OpenAsync();
            await new Importer(other, TimeProvider.System).ImportAsync("Borsetshire County Council", [file], "cli");
        }

        var afterImport = Row(await admin.GetStringAsync(url));
        Assert.Equal(2, cache.Builds);
        Assert.Contains("777", afterImport, StringComparison.Ordinal);
        Assert.Contains("Red", afterImport, StringComparison.Ordinal);

        // A scheme with a wide amber tolerance: the rating changes on the next request.
        await using (var other = await database.OpenAsync())
        {
            await new SchemeService(other).SetAsync("Borsetshire County Council", "300%", null, null, null);
        }

        Assert.Contains("Amber", Row(await admin.GetStringAsync(url)), StringComparison.Ordinal);
        Assert.Equal((3, 2), (cache.Builds, cache.Hits));
    }
}
