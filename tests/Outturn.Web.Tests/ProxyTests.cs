using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Outturn.Web.Tests;

/// <summary>Behind a reverse proxy: the client's address and scheme are taken from X-Forwarded-For and
/// X-Forwarded-Proto only when the request comes from a configured proxy (a real Kestrel server, so that the
/// connection has an address).</summary>
public sealed class ProxyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwarded_headers_count_only_from_a_configured_proxy(bool configured)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", demo: true);
        var settings = new Dictionary<string, string>();
        if (configured)
        {
            settings["Outturn:Proxies:0"] = "127.0.0.0/8";
        }

        using var factory = new OutturnFactory(database) { Settings = settings };
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                BaseAddress = factory.ClientOptions.BaseAddress,
            }
        );

        // The scheme: the anti-forgery cookie is Secure when the proxy says the caller used https.
        using var https = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        https.Headers.Add("X-Forwarded-Proto", "https");
        var page = await client.SendAsync(https);
        var cookies = string.Join("\n", page.Headers.GetValues("Set-Cookie"));
        Assert.Equal(configured, cookies.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // The address: a failed sign-in is audited with the caller's address as the proxy gives it.
        var form = await client.GetStringAsync("/account/sign-in");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["username"] = "admin",
                    ["password"] = "not the password at all",
                    ["returnUrl"] = "/",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            ),
        };
        signIn.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(signIn)).StatusCode);
        await using var db = await database.OpenAsync();
        var failed = await db.AuditEvents.SingleAsync(e => e.Kind == Data.Storage.AuditKinds.SignInFailed);
        Assert.Equal(configured ? "203.0.113.7" : "127.0.0.1", failed.Address);
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_or_network_is_named()
    {
        var options = new OutturnOptions { Proxies = ["10.0.0.5", "10.0.0.0/24", "proxy.example"] };
        var result = new OutturnOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(
            "Outturn:Proxies has 'proxy.example': expected a proxy's address (10.0.0.5) or network (10.0.0.0/24).",
            result.FailureMessage,
            StringComparison.Ordinal
        );
    }
}
