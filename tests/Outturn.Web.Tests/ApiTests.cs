using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Summaries;

namespace Outturn.Web.Tests;

/// <summary>The JSON API's access rules, reads, writes, paging and ETags, on both databases.</summary>
public class ApiTests
{
    public const string Org = "/api/v1/organisations/borsetshire-county-council";

    public static async Task<string> IssueAsync(
        OutturnFactory factory,
        ApiScope scope,
        string organisation = "Borsetshire County Council",
        string by = "officer"
    )
    {
        using var scope_ = factory.Services.CreateScope();
        var db = scope_.ServiceProvider.GetRequiredService<OutturnDbContext>();
        var org = await db.Organisations.SingleAsync(o => o.Name == organisation);
        // A token acts with its maker's rights: the maker is a performance officer of the organisation unless the test
        // made them otherwise.
        var users = scope_.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OutturnUser>>();
        if (await users.FindByNameAsync(by) is null)
        {
            var maker = new OutturnUser
            {
                UserName = by,
                DisplayName = by,
                OrganisationId = org.Id,
            };
            Assert.True((await users.CreateAsync(maker, OutturnFactory.Password)).Succeeded);
            await users.AddToRoleAsync(maker, Roles.PerformanceOfficer);
        }

        var issued = await scope_
            .ServiceProvider.GetRequiredService<ApiTokenStore>()
            .IssueAsync(org.Id, $"{scope} feed", scope, TimeSpan.FromDays(30), by);
        return issued.Secret;
    }

    public static HttpClient WithToken(OutturnFactory factory, string token)
    {
        var client = factory.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task PublishAsync(OutturnFactory factory, string committee, string period)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutturnDbContext>();
        var org = await db.Organisations.SingleAsync(o => o.Name == "Borsetshire County Council");
        await scope
            .ServiceProvider.GetRequiredService<Access>()
            .PublishAsync(org, committee, period, "officer", DateTime.UtcNow, default);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(
            response.IsSuccessStatusCode,
            $"{response.RequestMessage!.RequestUri}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<List<JsonElement>> AllValuesAsync(HttpClient client, string query = "")
    {
        var all = new List<JsonElement>();
        string? next = $"{Org}/values?limit=250{query}";
        while (next is not null)
        {
            var page = await JsonAsync(await client.GetAsync(next));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }

        return all;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_the_organisations_token_only_published_figures_are_read(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var anonymous = factory.Browser();
        var reader = WithToken(factory, await IssueAsync(factory, ApiScope.Read));

        // Nothing is published yet: no figures, and evaluations ask for a token.
        Assert.Empty(await AllValuesAsync(anonymous));
        var refused = await anonymous.GetAsync($"{Org}/evaluations?committee=Cabinet&period=2018-03");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        // The organisation's token reads everything, and the ratings are the rating engine's.
        var all = await AllValuesAsync(reader);
        await using (var context = await database.OpenAsync())
        {
            Assert.Equal(await context.Entries.CountAsync(), all.Count);
            Assert.Equal(
                all.Count,
                all.Select(v => (v.GetProperty("ref").GetString(), v.GetProperty("period").GetString()))
                    .Distinct()
                    .Count()
            );
            var org = await context.Organisations.SingleAsync();
            var expected = await new EvaluationService(context).EvaluateAsync(org, Period.Parse("2018-03"), "Cabinet");
            var evaluations = (
                await JsonAsync(await reader.GetAsync($"{Org}/evaluations?committee=Cabinet&period=2018-03"))
            )
                .EnumerateArray()
                .ToList();
            Assert.Equal(expected.Select(e => e.Item.Ref), evaluations.Select(e => e.GetProperty("ref").GetString()));
            Assert.Equal(
                expected.Select(e => e.Evaluation.Rating.Reason),
                evaluations.Select(e => e.GetProperty("reason").GetString())
            );

            var summaries = (await JsonAsync(await reader.GetAsync($"{Org}/summaries?period=2017/18&by=priority")))
                .EnumerateArray()
                .ToList();
            var expectedSummaries = await new EvaluationService(context).SummariseAsync(
                org,
                Period.Parse("2017/18"),
                SummaryGrouping.Priority
            );
            Assert.Equal(
                expectedSummaries.Select(s => (s.Group, s.Summary.MetOrOnTrackPercent, s.Summary.ImprovedPercent)),
                summaries.Select(s =>
                    (
                        s.GetProperty("group").GetString()!,
                        s.GetProperty("met_or_on_track_pct").GetInt32(),
                        s.GetProperty("improved_pct").GetInt32()
                    )
                )
            );
        }

        // Before anything is published, a visitor sees no item's definition either.
        Assert.Empty(
            (await JsonAsync(await anonymous.GetAsync($"{Org}/items?limit=1000"))).GetProperty("items").EnumerateArray()
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{Org}/items/CU01")).StatusCode);

        // Publishing Cabinet's March 2018 opens it, and the figures of Cabinet's items up to then, to everyone.
        await PublishAsync(factory, "Cabinet", "2018-03");
        Assert.Equal(
            HttpStatusCode.OK,
            (await anonymous.GetAsync($"{Org}/evaluations?committee=Cabinet&period=2018-03")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync($"{Org}/evaluations?committee=Cabinet&period=2018-02")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync($"{Org}/evaluations?period=2018-03")).StatusCode
        );
        var cabinet = (await JsonAsync(await reader.GetAsync($"{Org}/items?committee=Cabinet&limit=1000")))
            .GetProperty("items")
            .EnumerateArray()
            .Select(i => i.GetProperty("ref").GetString())
            .ToHashSet();
        var published = await AllValuesAsync(anonymous);
        Assert.NotEmpty(published);
        Assert.All(
            published,
            v =>
            {
                Assert.Contains(v.GetProperty("ref").GetString(), cabinet);
                Assert.True(v.GetProperty("period_end").GetString()!.CompareTo("2018-03-31") <= 0, v.ToString());
            }
        );
        Assert.True(published.Count < all.Count);
        // Earlier periods' figures open with it (March's dashboard prints them as previous figures and in its charts),
        // though their own dashboards stay closed (decision 0008).
        Assert.Contains(published, v => v.GetProperty("period_end").GetString()!.CompareTo("2018-03-01") < 0);
        var listed = (await JsonAsync(await anonymous.GetAsync($"{Org}/items?limit=1000")))
            .GetProperty("items")
            .EnumerateArray()
            .Select(i => i.GetProperty("ref").GetString())
            .ToList();
        Assert.Equal(cabinet.Order(), listed.Order());
        var byCommittee = (
            await JsonAsync(await anonymous.GetAsync($"{Org}/summaries?period=2018-03&by=committee&committee=Cabinet"))
        )
            .EnumerateArray()
            .Select(s => s.GetProperty("group").GetString())
            .Distinct()
            .ToList();
        Assert.Equal(["Cabinet", "All"], byCommittee);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await anonymous.GetAsync("/committees/Cabinet?period=2017-12&period=2018-03")).StatusCode
        );

        // Owners' names are for the organisation's own callers.
        var item = await JsonAsync(await anonymous.GetAsync($"{Org}/items/CU01"));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("owner").ValueKind);
        Assert.NotEqual(
            JsonValueKind.Null,
            (await JsonAsync(await reader.GetAsync($"{Org}/items/CU01"))).GetProperty("owner").ValueKind
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_speak_for_their_own_organisation_until_revoked_or_expired(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("elsewhere", Roles.PerformanceOfficer, otherOrganisation: true);
        string other;
        await using (var context = await database.OpenAsync())
        {
            other = (await context.Organisations.SingleAsync(o => o.Name != "Borsetshire County Council")).Name;
        }

        var foreign = WithToken(factory, await IssueAsync(factory, ApiScope.Write, other, "elsewhere"));
        var forbidden = await foreign.GetAsync($"{Org}/values");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("another organisation", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await foreign.PostAsJsonAsync(
                    $"{Org}/values",
                    new
                    {
                        values = new[]
                        {
                            new
                            {
                                @ref = "HO01",
                                period = "2018-03",
                                value = "1",
                            },
                        },
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await foreign.GetAsync($"/api/v1/organisations/{Slug.Of(other)}/values")).StatusCode
        );

        var garbage = WithToken(factory, "ott_0000000000000000_not-a-real-secret");
        var unknown = await garbage.GetAsync($"{Org}/values");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("invalid_token", unknown.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var secret = await IssueAsync(factory, ApiScope.Read);
        var reader = WithToken(factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{Org}/evaluations?period=2018-03")).StatusCode);
        // A guessed secret with the right prefix is still refused.
        var forged = WithToken(factory, secret[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"{Org}/values")).StatusCode);

        await using (var context = await database.OpenAsync())
        {
            var token = await context.ApiTokens.SingleAsync(t => t.Hash == ApiTokenStore.HashOf(secret));
            Assert.NotNull(token.LastUsedAt);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(token), StringComparison.Ordinal);
            token.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await context.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"{Org}/values")).StatusCode);

        var second = await IssueAsync(factory, ApiScope.Read);
        await using (var context = await database.OpenAsync())
        {
            var token = await context.ApiTokens.SingleAsync(t => t.Hash == ApiTokenStore.HashOf(second));
            Assert.True(
                await new ApiTokenStore(context, TimeProvider.System).RevokeAsync(
                    token.OrganisationId,
                    token.Id,
                    "admin"
                )
            );
        }

        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await WithToken(factory, second).GetAsync($"{Org}/values")).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_write_is_all_or_nothing_and_kept_in_history_as_the_tokens_owner(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var writer = WithToken(factory, await IssueAsync(factory, ApiScope.Write, by: "data.team"));
        var reader = WithToken(factory, await IssueAsync(factory, ApiScope.Read));
        var rows = new
        {
            values = new object[]
            {
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    value = 231,
                    qualifier = "provisional",
                },
            },
        };

        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await factory.Browser().PostAsJsonAsync($"{Org}/values", rows)).StatusCode
        );
        var readOnly = await reader.PostAsJsonAsync($"{Org}/values", rows);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("write scope", await readOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        async Task<string> Snapshot()
        {
            await using var context = await database.OpenAsync();
            var entries = await context.Entries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            return JsonSerializer.Serialize(
                    entries.Select(e =>
                        Exporter.Cells(e.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), e)
                    )
                ) + await context.EntryChanges.CountAsync();
        }

        var before = await Snapshot();
        // A body that is not JSON (a CSV file sent as it is) is refused saying what is expected, and changes nothing.
        var csv = await writer.PostAsync(
            $"{Org}/values",
            new StringContent("ref,period,value\nHO01,2018-03,231\n", System.Text.Encoding.UTF8, "text/csv")
        );
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, csv.StatusCode);
        Assert.Contains("application/json", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
        var bad = await writer.PostAsJsonAsync(
            $"{Org}/values",
            new
            {
                values = new object[]
                {
                    new
                    {
                        @ref = "HO01",
                        period = "2018-03",
                        value = 231,
                    },
                    new
                    {
                        @ref = "NOPE99",
                        period = "2018-03",
                        value = 1,
                    },
                    new
                    {
                        @ref = "HO01",
                        period = "March 2018",
                        value = 1,
                    },
                    new Dictionary<string, object>
                    {
                        ["ref"] = "HO02",
                        ["period"] = "2018-03",
                        ["colour"] = "red",
                    },
                    new
                    {
                        @ref = "HO01",
                        period = "2018-04",
                        qualifier = "maybe",
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await JsonAsync(
            new HttpResponseMessage(HttpStatusCode.OK) { Content = bad.Content, RequestMessage = bad.RequestMessage }
        );
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("values[1].ref", out var _), errors.ToString());
        Assert.True(errors.TryGetProperty("values[2].period", out var _), errors.ToString());
        Assert.True(errors.TryGetProperty("values[3].colour", out var _), errors.ToString());
        Assert.True(errors.TryGetProperty("values[4].qualifier", out var _), errors.ToString());
        Assert.False(errors.TryGetProperty("values[0].value", out var _), errors.ToString());
        Assert.Equal(4, problem.GetProperty("rows").GetArrayLength());
        Assert.Equal(before, await Snapshot());

        // A dry run checks and counts, and stores nothing.
        var dry = await JsonAsync(await writer.PostAsJsonAsync($"{Org}/values?dry_run=true", rows));
        Assert.False(dry.GetProperty("applied").GetBoolean());
        Assert.Equal(1, dry.GetProperty("changed").GetInt32());
        Assert.Equal(before, await Snapshot());

        // The good write: value and qualifier change; the commentary, left out, stays.
        var done = await JsonAsync(await writer.PostAsJsonAsync($"{Org}/values", rows));
        Assert.True(done.GetProperty("applied").GetBoolean());
        Assert.Equal(2, done.GetProperty("field_changes").GetInt32());
        var stored = (
            await JsonAsync(await reader.GetAsync($"{Org}/values?ref=HO01&from=2018-03&to=2018-03&kind=month"))
        )
            .GetProperty("items")
            .EnumerateArray()
            .Single();
        Assert.Equal("231", stored.GetProperty("value").GetString());
        Assert.Equal(231m, stored.GetProperty("value_number").GetDecimal());
        Assert.Equal("provisional", stored.GetProperty("qualifier").GetString());
        Assert.StartsWith(
            "Performance is below target",
            stored.GetProperty("commentary").GetString(),
            StringComparison.Ordinal
        );
        await using (var context = await database.OpenAsync())
        {
            var change = await context.EntryChanges.SingleAsync(c => c.Field == "value" && c.NewValue == "231");
            Assert.Equal("229", change.OldValue);
            Assert.Equal("data.team", change.ChangedBy);
            Assert.Contains("API token 'Write feed'", change.Source, StringComparison.Ordinal);
        }

        // The same again changes nothing; null clears a field; targets and commentary are written the same way.
        Assert.Equal(
            0,
            (await JsonAsync(await writer.PostAsJsonAsync($"{Org}/values", rows)))
                .GetProperty("field_changes")
                .GetInt32()
        );
        var cleared = await JsonAsync(
            await writer.PostAsJsonAsync(
                $"{Org}/values",
                new
                {
                    values = new object?[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = "2018-03",
                            commentary = (string?)null,
                            target = "215",
                        },
                    },
                }
            )
        );
        Assert.Equal(2, cleared.GetProperty("field_changes").GetInt32());
        stored = (await JsonAsync(await reader.GetAsync($"{Org}/values?ref=HO01&from=2018-03&to=2018-03&kind=month")))
            .GetProperty("items")
            .EnumerateArray()
            .Single();
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("commentary").ValueKind);
        Assert.Equal("215", stored.GetProperty("target").GetString());

        var notJson = await writer.PostAsync(
            $"{Org}/values",
            new StringContent("{\"values\": [", Encoding.UTF8, "application/json")
        );
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", await notJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_reads_with_its_cookie_and_writes_only_with_its_antiforgery_token()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Roles.PerformanceOfficer);
        await factory.AddUserAsync("councillor", Roles.Councillor);
        var officer = await factory.SignedInAsync("officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"{Org}/evaluations?period=2018-03")).StatusCode);
        var rows = new
        {
            values = new object[]
            {
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    value = 231,
                },
            },
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"{Org}/values", rows)).StatusCode);

        var page = await officer.GetStringAsync("/admin/scheme");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Org}/values")
        {
            Content = JsonContent.Create(rows),
        };
        request.Headers.Add("RequestVerificationToken", OutturnFactory.Token(page));
        var written = await officer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);

        var councillor = await factory.SignedInAsync("councillor");
        Assert.Equal(HttpStatusCode.OK, (await councillor.GetAsync($"{Org}/values?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await councillor.PostAsJsonAsync($"{Org}/values", rows)).StatusCode);
    }

    [Fact]
    public async Task Reads_carry_an_etag_and_long_lists_come_in_pages()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var reader = WithToken(factory, await IssueAsync(factory, ApiScope.Read));

        var first = await reader.GetAsync($"{Org}/summaries?period=2017/18&years=3");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, $"{Org}/summaries?period=2017/18&years=3");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(3 * 5, (await JsonAsync(first)).GetArrayLength()); // 4 priorities and All, for 3 years

        // A change makes a new ETag.
        var values = $"{Org}/values?ref=HO01&kind=month";
        var tag = (await reader.GetAsync(values)).Headers.ETag!;
        var writer = WithToken(factory, await IssueAsync(factory, ApiScope.Write));
        await JsonAsync(
            await writer.PostAsJsonAsync(
                $"{Org}/values",
                new
                {
                    values = new object[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = "2018-03",
                            value = 1,
                        },
                    },
                }
            )
        );
        using var after = new HttpRequestMessage(HttpMethod.Get, values);
        after.Headers.IfNoneMatch.Add(tag);
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(after)).StatusCode);

        var page = await JsonAsync(await reader.GetAsync($"{Org}/values?limit=7"));
        Assert.Equal(7, page.GetProperty("items").GetArrayLength());
        Assert.Contains("cursor=", page.GetProperty("next").GetString(), StringComparison.Ordinal);
        var items = await JsonAsync(await reader.GetAsync($"{Org}/items?limit=1000"));
        Assert.Equal(JsonValueKind.Null, items.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Org}/values?limit=5000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Org}/values?from=last+year")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await reader.GetAsync("/api/v1/organisations/nowhere/values")).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{Org}/items/NOPE99")).StatusCode);
        var periods = await JsonAsync(await reader.GetAsync($"{Org}/periods?kind=financial_year"));
        Assert.Contains(
            periods.EnumerateArray(),
            p =>
                p.GetProperty("period").GetString() == "2017/18"
                && p.GetProperty("start").GetString() == "2017-04-01"
                && p.GetProperty("end").GetString() == "2018-03-31"
        );
    }

    [Fact]
    public async Task Officers_make_and_revoke_tokens_in_the_administration_pages()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Roles.PerformanceOfficer);
        await factory.AddUserAsync("councillor", Roles.Councillor);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Browser().GetAsync("/admin/tokens")).StatusCode);
        var councillor = await factory.SignedInAsync("councillor");
        var denied = await councillor.GetAsync("/admin/tokens");
        Assert.Contains("access-denied", denied.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        var officer = await factory.SignedInAsync("officer");
        var form = await officer.GetStringAsync("/admin/tokens");
        var refused = await officer.PostAsync(
            "/admin/tokens",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Name"] = "",
                    ["Days"] = "90",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Enter what the token is for", html, StringComparison.Ordinal);
        Assert.Contains("Choose whether the token may write or only read", html, StringComparison.Ordinal);

        var made = await officer.PostAsync(
            "/admin/tokens",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Name"] = "Warehouse",
                    ["Scope"] = "write",
                    ["Days"] = "30",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var page = await made.Content.ReadAsStringAsync();
        var secret = System
            .Text.RegularExpressions.Regex.Match(page, "<code id=\"issued-token\" class=\"app-token\">([^<]+)</code>")
            .Groups[1]
            .Value;
        Assert.StartsWith("ott_", secret, StringComparison.Ordinal);
        var machine = WithToken(factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync($"{Org}/values?limit=1")).StatusCode);

        // Listed without its secret; revoked, it stops working.
        var listed = await officer.GetStringAsync("/admin/tokens");
        Assert.Contains("Warehouse", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(listed, "name=\"id\" value=\"(\\d+)\"").Groups[1].Value;
        var revoked = await officer.PostAsync(
            "/admin/tokens?handler=Revoke",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["id"] = id,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(listed),
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains(
            "Warehouse no longer works",
            await revoked.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync($"{Org}/values?limit=1")).StatusCode);
    }

    [Fact]
    public async Task Open_data_is_the_published_figures_with_their_definitions()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var visitor = factory.Browser();
        var empty = await visitor.GetStringAsync("/open-data/borsetshire-county-council/values.csv");
        Assert.Single(empty.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        await PublishAsync(factory, "Towns and Communities Scrutiny", "2018-03");
        var csv = await visitor.GetAsync("/open-data/borsetshire-county-council/values.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync())
            .TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Api.OpenData.ValueColumns), lines[0]);
        Assert.Contains(
            lines,
            l =>
                l.StartsWith("HO01,", StringComparison.Ordinal)
                && l.Contains(",2018-03,", StringComparison.Ordinal)
                && l.Contains(",count,", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(lines, l => l.Contains(",2018-04,", StringComparison.Ordinal));

        var json = JsonDocument
            .Parse(await visitor.GetStringAsync("/open-data/borsetshire-county-council/values.json"))
            .RootElement;
        Assert.Equal(lines.Length - 1, json.GetArrayLength());
        var ho01 = json.EnumerateArray()
            .First(v => v.GetProperty("ref").GetString() == "HO01" && v.GetProperty("period").GetString() == "2018-03");
        Assert.Equal(229m, ho01.GetProperty("value_number").GetDecimal());
        Assert.Equal("lower", ho01.GetProperty("polarity").GetString());

        var measures = JsonDocument
            .Parse(await visitor.GetStringAsync("/open-data/borsetshire-county-council/measures.json"))
            .RootElement;
        Assert.Contains(
            measures.EnumerateArray(),
            m => m.GetProperty("ref").GetString() == "HO01" && m.GetProperty("unit").GetString() == "count"
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await visitor.GetAsync("/open-data/borsetshire-county-council/values.xml")).StatusCode
        );
    }

    [Fact]
    public async Task A_token_acts_with_no_more_than_its_makers_rights_now()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("maker", Roles.PerformanceOfficer);
        var writer = WithToken(factory, await IssueAsync(factory, ApiScope.Write, by: "maker"));
        var reader = WithToken(factory, await IssueAsync(factory, ApiScope.Read, by: "maker"));
        var rows = new
        {
            values = new object[]
            {
                new
                {
                    @ref = "HO01",
                    period = "2018-03",
                    value = 231,
                },
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsJsonAsync($"{Org}/values", rows)).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var users =
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OutturnUser>>();
            var maker = (await users.FindByNameAsync("maker"))!;
            await users.RemoveFromRoleAsync(maker, Roles.PerformanceOfficer);
            await users.AddToRoleAsync(maker, Roles.Councillor);
        }

        // A councillor cannot write, so neither can their token; reading they still may.
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.PostAsJsonAsync($"{Org}/values", rows)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{Org}/items")).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var users =
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OutturnUser>>();
            var maker = (await users.FindByNameAsync("maker"))!;
            await users.SetLockoutEnabledAsync(maker, true);
            await users.SetLockoutEndDateAsync(maker, DateTimeOffset.MaxValue);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"{Org}/items")).StatusCode);
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        Assert.Contains(
            "Disabled: maker no longer has the access it needs",
            await admin.GetStringAsync("/admin/tokens"),
            StringComparison.Ordinal
        );
    }
}
