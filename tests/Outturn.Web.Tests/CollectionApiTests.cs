using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>The collection round's steps through the API: the same rules, history and audit trail as the pages, with
/// each refusal named.</summary>
public sealed class CollectionApiTests
{
    private const string Steps = ApiTests.Org + "/collection/steps";

    private static Task<HttpResponseMessage> StepAsync(
        HttpClient client,
        string reference,
        string period,
        string step,
        string? reason = null,
        string? antiforgery = null
    )
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Steps)
        {
            Content = JsonContent.Create(
                new
                {
                    @ref = reference,
                    period,
                    step,
                    reason,
                }
            ),
        };
        if (antiforgery is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgery);
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}, expected {expected}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_owner_submits_a_token_returns_and_approves_and_each_refusal_is_named(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demo: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 10, 9, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database) { Clock = clock };
        await factory.AddUserAsync("housing", Roles.MeasureOwner, displayName: "Housing lead officer");
        var owner = await factory.SignedInAsync("housing");
        var writer = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, ApiScope.Write));
        var reader = ApiTests.WithToken(factory, await ApiTests.IssueAsync(factory, ApiScope.Read));

        // The owner's browser submits their own figure, carrying the page's anti-forgery token.
        var token = OutturnFactory.Token(await owner.GetStringAsync("/entry?period=2018-03"));
        var missingToken = await StepAsync(owner, "HO01", "2018-03", "submit");
        Assert.Contains(
            "anti-forgery",
            (await JsonAsync(missingToken, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
        var submitted = await JsonAsync(
            await StepAsync(owner, "HO01", "2018-03", "submit", antiforgery: token),
            HttpStatusCode.OK
        );
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.Equal("2018-04-16", submitted.GetProperty("due_date").GetString());
        Assert.Equal("Housing lead officer", submitted.GetProperty("owner").GetString());

        // Not another owner's measure, and never an approval, from the owner's browser.
        var others = await JsonAsync(
            await StepAsync(owner, "CU02", "2017/18 Q4", "submit", antiforgery: token),
            HttpStatusCode.Forbidden
        );
        Assert.Contains("CU02's owner", others.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JsonAsync(
            await StepAsync(owner, "HO01", "2018-03", "approve", antiforgery: token),
            HttpStatusCode.Forbidden
        );

        // A read token may not step; nobody at all is asked to sign in.
        var readOnly = await JsonAsync(await StepAsync(reader, "HO01", "2018-03", "approve"), HttpStatusCode.Forbidden);
        Assert.Equal("Read-only token", readOnly.GetProperty("title").GetString());
        var anonymous = await StepAsync(factory.Browser(), "HO01", "2018-03", "approve");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await factory.AddUserAsync("councillor", Roles.Councillor);
        var councillor = await factory.SignedInAsync("councillor");
        var councillorToken = OutturnFactory.Token(await councillor.GetStringAsync("/account/password"));
        await JsonAsync(
            await StepAsync(councillor, "HO01", "2018-03", "submit", antiforgery: councillorToken),
            HttpStatusCode.Forbidden
        );

        // Returning needs a reason; with one the owner's row carries it.
        var noReason = await JsonAsync(await StepAsync(writer, "HO01", "2018-03", "return"), HttpStatusCode.Conflict);
        Assert.Equal(
            "HO01 2018-03: cannot be returned: a reason is needed to return it to its owner.",
            noReason.GetProperty("detail").GetString()
        );
        clock.Advance(TimeSpan.FromMinutes(5));
        var returned = await JsonAsync(
            await StepAsync(writer, "HO01", "2018-03", "return", "The B&B count does not match the total"),
            HttpStatusCode.OK
        );
        Assert.Equal("returned", returned.GetProperty("state").GetString());
        Assert.Equal("The B&B count does not match the total", returned.GetProperty("reason").GetString());
        var notSubmitted = await JsonAsync(
            await StepAsync(writer, "HO01", "2018-03", "approve"),
            HttpStatusCode.Conflict
        );
        Assert.Equal(
            "HO01 2018-03: cannot be approved: only a submitted figure can be approved, and it is returned.",
            notSubmitted.GetProperty("detail").GetString()
        );

        // Submitted again by the token, then approved; approving twice is refused.
        clock.Advance(TimeSpan.FromMinutes(5));
        await JsonAsync(await StepAsync(writer, "HO01", "2018-03", "Submit"), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(5));
        var approved = await JsonAsync(await StepAsync(writer, "HO01", "2018-03", "approve"), HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        await JsonAsync(await StepAsync(writer, "HO01", "2018-03", "approve"), HttpStatusCode.Conflict);

        // Bad input is named by field; an unknown ref is 404; another frequency's period is 400.
        var bad = await JsonAsync(await StepAsync(writer, "", "March", "publish"), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.StartsWith(
            "The item's ref is required",
            errors.GetProperty("ref")[0].GetString(),
            StringComparison.Ordinal
        );
        Assert.StartsWith("'March': ", errors.GetProperty("period")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "'publish' is not a step: submit, approve, return (with a reason) or reopen.",
            errors.GetProperty("step")[0].GetString()
        );
        await JsonAsync(await StepAsync(writer, "HO99", "2018-03", "submit"), HttpStatusCode.NotFound);
        await using (var db = await database.OpenAsync())
        {
            var quarterly = await db
                .Items.Where(i => i.Frequency == Domain.Framework.Frequency.Quarterly)
                .Select(i => i.Ref)
                .FirstAsync();
            var wrongKind = await JsonAsync(
                await StepAsync(writer, quarterly, "2018-03", "submit"),
                HttpStatusCode.BadRequest
            );
            Assert.Contains(
                "2017/18 Q4",
                wrongKind.GetProperty("errors").GetProperty("period")[0].GetString(),
                StringComparison.Ordinal
            );
        }

        using (var plain = new StringContent("""{"ref":"HO01"}""", System.Text.Encoding.UTF8, "text/plain"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await writer.PostAsync(Steps, plain)).StatusCode);
        }

        // Every step taken is in the figure's history and the audit trail, by whoever took it.
        await using (var db = await database.OpenAsync())
        {
            var steps = await db
                .CollectionRecords.Where(r => r.Period == "2018-03")
                .OrderBy(r => r.Id)
                .Select(r => new { r.Step, r.By })
                .ToListAsync();
            Assert.Equal(
                ["submitted by housing", "returned by officer", "submitted by officer", "approved by officer"],
                steps.Select(s => $"{s.Step.ToString().ToLowerInvariant()} by {s.By}")
            );
            Assert.Equal(
                4,
                await db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.Collection && e.Subject == "HO01 2018-03")
            );
        }

        var round = JsonDocument.Parse(
            await writer.GetStringAsync(ApiTests.Org + "/collection?period=2018-03&state=approved")
        );
        Assert.Equal("HO01", Assert.Single(round.RootElement.EnumerateArray()).GetProperty("ref").GetString());
    }
}
