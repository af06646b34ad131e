using System.Net;

namespace Outturn.Web.Tests;

public class AdminTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = OutturnFactory.Token(await client.GetStringAsync(url));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Data.Tests.TestDatabase.Providers), MemberType = typeof(Data.Tests.TestDatabase))]
    public async Task An_administrator_adds_a_person_who_can_then_sign_in(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var weak = await PostAsync(admin, "/admin/users", new() { ["UserName"] = "cllr.ambridge", ["Role"] = "Councillor", ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await PostAsync(admin, "/admin/users", new() { ["UserName"] = "cllr.ambridge", ["DisplayName"] = "Cllr Ambridge", ["Role"] = "Councillor", ["Password"] = OutturnFactory.Password });
        Assert.Contains("cllr.ambridge can now sign in", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var councillor = await factory.SignedInAsync("cllr.ambridge");
        Assert.Contains("Summary by priority", await councillor.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("access-denied", (await councillor.GetAsync("/admin/users")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_scheme_changes_the_ratings()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var before = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("govuk-tag--yellow", before, StringComparison.Ordinal);

        var bad = await PostAsync(admin, "/admin/scheme", new() { ["AmberTolerance"] = "five", ["BlueMargin"] = "none", ["MissingRating"] = "no_data", ["DirectionTolerance"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("govuk-error-summary", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await PostAsync(admin, "/admin/scheme", new() { ["AmberTolerance"] = "0", ["BlueMargin"] = "none", ["MissingRating"] = "no_data", ["DirectionTolerance"] = "0" });
        Assert.Contains("Every rating now follows the new scheme", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        // Two-state: measures within the old 5% band turn red; amber stays only for actions with some slippage and
        // measures with their own tolerance.
        static int Ambers(string html) => System.Text.RegularExpressions.Regex.Matches(html, "govuk-tag--yellow").Count;
        Assert.True(Ambers(after) < Ambers(before), $"{Ambers(after)} ambers after, {Ambers(before)} before");
    }
}
