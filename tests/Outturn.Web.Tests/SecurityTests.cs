using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Outturn.Web.Tests;

/// <summary>Sessions that end when they should, headers on every response, and a sign-in that tells nothing.</summary>
public class SecurityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Signing_out_ends_the_session_for_a_copied_cookie_too(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var browser = factory.Browser();
        var signedIn = await OutturnFactory.SignInAsync(browser, "officer", OutturnFactory.Password);
        var cookie = signedIn
            .Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("outturn=", StringComparison.Ordinal));
        var copy = factory.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
            }
        );
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/entry")).StatusCode);

        var page = await browser.GetStringAsync("/entry");
        var signOut = await browser.PostAsync(
            "/account/sign-out",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = OutturnFactory.Token(page) }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await copy.GetAsync("/entry");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var visitor = factory.Browser();

        foreach (
            var url in new[]
            {
                "/",
                "/account/sign-in",
                "/outturn.css",
                "/api/v1/organisations",
                "/no-such-page",
                "/open-data/borsetshire-county-council/values.csv",
            }
        )
        {
            var response = await visitor.GetAsync(url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains(
                "camera=()",
                response.Headers.GetValues("Permissions-Policy").Single(),
                StringComparison.Ordinal
            );
        }

        foreach (var page in new[] { "/accessibility", "/privacy", "/cookies" })
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(page)).StatusCode);
            Assert.Contains($"href=\"{page}\"", await visitor.GetStringAsync("/"), StringComparison.Ordinal);
        }

        var missing = await visitor.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The pages run no inline script, so the policy needs no 'unsafe-inline'.
        Assert.DoesNotContain("<script>", await visitor.GetStringAsync("/account/sign-in"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_says_the_same_whether_or_not_the_account_exists_and_attempts_are_limited()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var browser = factory.Browser();

        async Task<string> Attempt(string name) =>
            await (
                await OutturnFactory.SignInAsync(browser, name, "not the password at all")
            ).Content.ReadAsStringAsync();

        var unknown = await Attempt("nobody");
        var wrong = await Attempt("officer");
        for (var i = 0; i < 5; i++)
        {
            await Attempt("officer");
        }

        var locked = await Attempt("officer");
        var lockedRight = await (
            await OutturnFactory.SignInAsync(browser, "officer", OutturnFactory.Password)
        ).Content.ReadAsStringAsync();
        foreach (var answer in new[] { unknown, wrong, locked, lockedRight })
        {
            Assert.Contains(
                System.Net.WebUtility.HtmlEncode(Pages.Account.SignInModel.Failed),
                answer,
                StringComparison.Ordinal
            );
        }

        HttpResponseMessage last;
        var tries = 9;
        do
        {
            last = await OutturnFactory.SignInAsync(browser, "nobody", "guess " + tries);
        } while (last.StatusCode != HttpStatusCode.TooManyRequests && ++tries < 40);

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(RequestLimits.SignInsPerMinute, tries);
        Assert.Equal("60", last.Headers.GetValues("Retry-After").Single());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_endpoints_answer_anyone_and_say_nothing_else(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var visitor = factory.Browser();

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var response = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_host_header_is_never_reflected_into_links()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/borsetshire-county-council");
        request.Headers.Host = "evil.example";

        var body = await (await factory.Browser().SendAsync(request)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"/api/v1/organisations/borsetshire-county-council\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_instances_on_one_database_share_sessions_and_forms(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var first = new OutturnFactory(database);
        await first.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        using var second = new OutturnFactory(database);
        var onFirst = first.Browser();
        var signedIn = await OutturnFactory.SignInAsync(onFirst, "officer", OutturnFactory.Password);
        var cookie = signedIn
            .Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("outturn=", StringComparison.Ordinal));
        var plainFirst = first.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
            }
        );
        plainFirst.DefaultRequestHeaders.Add("Cookie", cookie);
        var form = await plainFirst.GetAsync("/measures/HO01/enter?period=2018-03");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = form
            .Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = OutturnFactory.Token(await form.Content.ReadAsStringAsync());

        // The cookie and the form made by the first instance are good on the second.
        var onSecond = second.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
            }
        );
        onSecond.DefaultRequestHeaders.Add("Cookie", $"{cookie}; {antiforgery}");
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/entry")).StatusCode);
        var saved = await onSecond.PostAsync(
            "/measures/HO01/enter?period=2018-03",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Value"] = "230",
                    ["Target"] = "220",
                    ["__RequestVerificationToken"] = token,
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // An upload previewed on the first instance is confirmed on the second.
        var both = first.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
            }
        );
        both.DefaultRequestHeaders.Add("Cookie", $"{cookie}; {antiforgery}");
        var uploadToken = OutturnFactory.Token(await both.GetStringAsync("/upload"));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(uploadToken), "__RequestVerificationToken" },
        };
        var file = new StringContent("ref,period,value\nHO01,2018-04,228\n");
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        upload.Add(file, "files", "values.csv");
        var preview = await both.PostAsync("/upload?handler=Preview", upload);
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var batch = System
            .Text.RegularExpressions.Regex.Match(previewed, "name=\"batch\" value=\"([0-9a-f]{32})\"")
            .Groups[1]
            .Value;
        var confirmed = await onSecond.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = batch,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(previewed),
                }
            )
        );
        Assert.Contains("Figures imported", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var context = await database.OpenAsync();
        Assert.NotEmpty(context.DataProtectionKeys);
        Assert.Empty(context.UploadFiles);
        Assert.Contains(context.Entries.Select(e => e.Period), p => p == "2018-04");
    }

    [Fact]
    public async Task Committees_and_refs_with_a_slash_open()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        using var files = new TempFolder();
        using (var scope = factory.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
            await new Data.Storage.Importer(context, TimeProvider.System).ImportAsync(
                "Borsetshire County Council",
                [
                    files.Write("measures.csv", "ref,title,committees,priority\nHO/9,Homes let,Housing/Homes,Strong\n"),
                    files.Write("values.csv", "ref,period,value\nHO/9,2018-03,12\n"),
                ],
                "test"
            );
        }

        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var committee = await admin.GetAsync(
            "/committees/" + Uri.EscapeDataString("Housing/Homes") + "?period=2018-03"
        );
        Assert.Equal(HttpStatusCode.OK, committee.StatusCode);
        var page = await committee.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/measures/HO%2F9\"", page, StringComparison.Ordinal);
        var measure = await admin.GetAsync("/measures/" + Uri.EscapeDataString("HO/9"));
        Assert.Equal(HttpStatusCode.OK, measure.StatusCode);
        Assert.Contains("Homes let", await measure.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/measures/HO%2F9/enter?period=2018-03")).StatusCode);
    }

    [Fact]
    public async Task Uploads_are_limited_per_person()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var token = OutturnFactory.Token(await admin.GetStringAsync("/upload"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RequestLimits.UploadsPerMinute; i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("x"), "files", "notes.txt" },
            };
            statuses.Add((await admin.PostAsync("/upload?handler=Preview", form)).StatusCode);
        }

        Assert.All(statuses.Take(RequestLimits.UploadsPerMinute), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
