using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace Outturn.Web.Tests;

/// <summary>Locked months in the web app: an officer locks a month on the collection page; its figures are then
/// closed to owners and corrected by officers only with a reason, on the entry form and through an upload; unlocking
/// needs a reason.</summary>
public sealed class LockPageTests
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string values, string? reason)
    {
        var token = OutturnFactory.Token(await client.GetStringAsync("/upload"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (reason is not null)
        {
            form.Add(new StringContent(reason), "Reason");
        }

        var file = new StringContent(values);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "values.csv");
        return await client.PostAsync("/upload?handler=Preview", form);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_locked_month_is_corrected_only_by_an_officer_giving_a_reason(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demo: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 20, 9, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database) { Clock = clock };
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var owner = await factory.SignedInAsync("housing");
        var officer = await factory.SignedInAsync("officer");

        // April has not ended: it cannot be locked, and the page says so rather than offering it.
        Assert.Contains(
            "April 2018 has not ended",
            await officer.GetStringAsync("/collection?period=2018-04"),
            StringComparison.Ordinal
        );
        var page = await officer.GetStringAsync("/collection?period=2018-02");
        Assert.Contains("February 2018 is open", page, StringComparison.Ordinal);
        var locked = await OutturnFactory.PostFormAsync(
            officer,
            "/collection?period=2018-02",
            "/collection?handler=Lock",
            new() { ["month"] = "2018-02" }
        );
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal("/collection?period=2018-02&done=locked", locked.Headers.Location!.ToString());
        page = await officer.GetStringAsync(locked.Headers.Location!.ToString());
        Assert.Contains("February 2018 is locked.", page, StringComparison.Ordinal);
        Assert.Contains("February 2018 was locked on 20 April 2018 by officer", page, StringComparison.Ordinal);
        // An owner may not unlock it (nor see the round): sent to "access denied".
        var ownersUnlock = await OutturnFactory.PostFormAsync(
            owner,
            "/entry?period=2018-02",
            "/collection?handler=Unlock",
            new() { ["month"] = "2018-02", ["reason"] = "mine" }
        );
        Assert.Contains("access-denied", ownersUnlock.Headers.Location?.ToString(), StringComparison.Ordinal);

        // A source system's write to the locked month is refused like a bad row, naming the lock.
        var feed = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, Data.Entities.ApiScope.Write));
        var written = await feed.PostAsJsonAsync(
            $"{ApiTests.Org}/values",
            new
            {
                values = new object[]
                {
                    new
                    {
                        @ref = "HO01",
                        period = "2018-02",
                        value = 241,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, written.StatusCode);
        Assert.Contains(
            "February 2018 was locked on 20 April 2018 by officer",
            await written.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        // The owner is told the month is locked and offered no form; a post is refused and changes nothing.
        var form = await owner.GetStringAsync("/measures/HO01/enter?period=2018-02");
        Assert.Contains("Ask a performance officer to correct it.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Value\"", form, StringComparison.Ordinal);
        var refused = await OutturnFactory.PostFormAsync(
            owner,
            "/measures/HO01/enter?period=2018-03",
            "/measures/HO01/enter?period=2018-02",
            new() { ["Value"] = "241", ["Confirmed"] = "true" }
        );
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(">242<", await officer.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        // The officer must say why.
        var noReason = await OutturnFactory.PostFormAsync(
            officer,
            "/measures/HO01/enter?period=2018-02",
            "/measures/HO01/enter?period=2018-02",
            new() { ["Value"] = "241", ["Confirmed"] = "true" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(
            "Say why the figure is changing: February 2018 was locked on",
            await noReason.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var corrected = await OutturnFactory.PostFormAsync(
            officer,
            "/measures/HO01/enter?period=2018-02",
            "/measures/HO01/enter?period=2018-02",
            new()
            {
                ["Value"] = "241",
                ["Reason"] = "A late return from a district",
                ["Confirmed"] = "true",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var measure = await officer.GetStringAsync("/measures/HO01");
        Assert.Contains("A late return from a district", measure, StringComparison.Ordinal);

        // An upload correcting the locked month is refused without a reason, naming the row; with one it is checked,
        // and the reason goes with the confirmation.
        var upload = await UploadAsync(officer, "ref,period,value\nHO01,2018-02,239\n", reason: null);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var refusal = await upload.Content.ReadAsStringAsync();
        Assert.Contains("govuk-table__cell--numeric\">2</td>", refusal, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">2018-02</td>", refusal, StringComparison.Ordinal);
        Assert.Contains("a correction needs a reason", refusal, StringComparison.Ordinal);
        var preview = await UploadAsync(officer, "ref,period,value\nHO01,2018-02,239\n", "Recounted in May");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Reason\" value=\"Recounted in May\"", html, StringComparison.Ordinal);
        var confirm = await officer.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = System
                        .Text.RegularExpressions.Regex.Match(html, "name=\"batch\" value=\"([0-9a-f]{32})\"")
                        .Groups[1]
                        .Value,
                    ["Reason"] = "Recounted in May",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(html),
                }
            )
        );
        Assert.Contains("Figures imported", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Recounted in May", await officer.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        // Unlocking needs a reason.
        var unlock = await OutturnFactory.PostFormAsync(
            officer,
            "/collection?period=2018-02",
            "/collection?handler=Unlock",
            new() { ["month"] = "2018-02", ["reason"] = "" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unlock.StatusCode);
        Assert.Contains("Say why February 2018 is being unlocked", await unlock.Content.ReadAsStringAsync());
        unlock = await OutturnFactory.PostFormAsync(
            officer,
            "/collection?period=2018-02",
            "/collection?handler=Unlock",
            new() { ["month"] = "2018-02", ["reason"] = "Reopened for the year-end audit" }
        );
        Assert.Equal("/collection?period=2018-02&done=unlocked", unlock.Headers.Location!.ToString());
        Assert.DoesNotContain(
            "Ask a performance officer",
            await owner.GetStringAsync("/measures/HO01/enter?period=2018-02"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Publishing_can_lock_the_month_too()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", demo: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 20, 9, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database) { Clock = clock };
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        var check = await officer.GetStringAsync("/committees/Cabinet/publish?period=2018-03");
        Assert.Contains("Lock March 2018's figures", check, StringComparison.Ordinal);
        var published = await OutturnFactory.PostFormAsync(
            officer,
            "/committees/Cabinet/publish?period=2018-03",
            "/committees/Cabinet?handler=Publish",
            new()
            {
                ["period"] = "2018-03",
                ["confirmed"] = "true",
                ["lock"] = "true",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains(
            "March 2018 was locked on 20 April 2018 by officer",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );
        // Publishing again with the box ticked leaves the one lock as it is.
        var again = await OutturnFactory.PostFormAsync(
            officer,
            "/committees/Cabinet/publish?period=2018-03",
            "/committees/Cabinet?handler=Publish",
            new()
            {
                ["period"] = "2018-03",
                ["confirmed"] = "true",
                ["lock"] = "true",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }
}
