using System.Net;

namespace Outturn.Web.Tests;

/// <summary>What a committee was shown stays as it was: a published dashboard is kept as published, and later
/// corrections show to the organisation's own people, not in the public page or its downloads.</summary>
public class SnapshotTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_published_dashboard_does_not_change_when_figures_are_corrected(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        const string url = "/committees/Cabinet?period=2018-03";
        static string Row(string html) =>
            System
                .Text.RegularExpressions.Regex.Match(
                    html,
                    "<tr[^>]*>(?:(?!</tr>).)*?/measures/CS01\"(?:(?!</tr>).)*</tr>",
                    System.Text.RegularExpressions.RegexOptions.Singleline
                )
                .Value;

        var page = await officer.GetStringAsync(url);
        Assert.Contains(">1,236<", Row(page), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await officer.PostAsync(
                    "/committees/Cabinet?handler=Publish",
                    new FormUrlEncodedContent(
                        new Dictionary<string, string>
                        {
                            ["period"] = "2018-03",
                            ["confirmed"] = "true",
                            ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                        }
                    )
                )
            ).StatusCode
        );

        // A correction after publication, by another process.
        using (var folder = new TempFolder())
        {
            var file = folder.Write("values.csv", "ref,period,value\nCS01,2018-03,1250\n");
            await using var other = await database.OpenAsync();
            await new Data.Storage.Importer(other, TimeProvider.System).ImportAsync(
                "Borsetshire County Council",
                [file],
                "cli"
            );
        }

        var visitor = factory.Browser();
        var published = await visitor.GetStringAsync(url);
        Assert.Contains("As published on", published, StringComparison.Ordinal);
        Assert.Contains(">1,236<", Row(published), StringComparison.Ordinal);
        Assert.DoesNotContain("1,250", Row(published), StringComparison.Ordinal);
        var csv = await visitor.GetStringAsync("/reports/dashboard?committee=Cabinet&period=2018-03&format=csv");
        var line = csv.Split('\n')
            .Single(l => l.Contains("CS01", StringComparison.Ordinal))
            .Replace("\"", "", StringComparison.Ordinal);
        Assert.Contains("1,236", line, StringComparison.Ordinal);
        Assert.DoesNotContain("1,250", line, StringComparison.Ordinal);

        // The organisation's people see the figures as they are now, and the published version on asking.
        var now = await officer.GetStringAsync(url);
        Assert.Contains(">1,250<", Row(now), StringComparison.Ordinal);
        Assert.Contains("See it as published", now, StringComparison.Ordinal);
        var asPublished = await officer.GetStringAsync(url + "&view=published");
        Assert.Contains(">1,236<", Row(asPublished), StringComparison.Ordinal);
        Assert.Contains("See the figures as they are now", asPublished, StringComparison.Ordinal);
    }
}
