using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>
/// Sign-in with OpenID Connect, against a small provider run here on a real port (discovery, keys, authorisation
/// and token endpoints, RS256-signed id tokens): the real ASP.NET Core handler does the whole code flow with PKCE,
/// checks the token's signature, issuer, audience and nonce, and Outturn links the identity to an existing account.
/// </summary>
public class OidcTests
{
    [Fact]
    public async Task A_person_signs_in_with_their_organisations_account_and_a_stranger_does_not()
    {
        await using var provider = await FakeProvider.StartAsync();
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database;
        using var factory = new OutturnFactory(database).WithWebHostBuilder(b =>
        {
            b.UseSetting("Outturn:Oidc:Authority", provider.Issuer);
            b.UseSetting("Outturn:Oidc:ClientId", "outturn");
            b.UseSetting("Outturn:Oidc:ClientSecret", "s3cret");
            b.UseSetting("Outturn:Oidc:DisplayName", "Borsetshire account");
            b.UseSetting("Outturn:Oidc:RequireHttpsMetadata", "false");
        });
        await AddUserAsync(factory, "jbloggs", Roles.Councillor);

        // Jo's provider says she is jbloggs: she arrives signed in as her Outturn account.
        provider.NextUser = "jbloggs";
        var jo = await SignInThroughProviderAsync(factory, provider);
        Assert.Equal(HttpStatusCode.Redirect, jo.Final.StatusCode);
        Assert.Equal("/committees/Cabinet", jo.Final.Headers.Location!.ToString());
        var home = await jo.Client.GetStringAsync("/");
        Assert.Contains("Signed in as jbloggs", home, StringComparison.Ordinal);
        Assert.Contains("Summary by priority", home, StringComparison.Ordinal); // a councillor sees drafts

        // The second time the link is used (the provider's subject), whatever the name claim says.
        provider.NextUser = "jbloggs";
        var again = await SignInThroughProviderAsync(factory, provider);
        Assert.Contains("Signed in as jbloggs", await again.Client.GetStringAsync("/"), StringComparison.Ordinal);
        // Both sign-ins are in the audit trail, as a password's is (and so in the People page's "Last signed in").
        await using (var context = await database.OpenAsync())
        {
            Assert.Equal(
                2,
                await context.AuditEvents.CountAsync(e =>
                    e.Kind == Data.Storage.AuditKinds.SignIn
                    && e.Subject == "jbloggs"
                    && e.Detail!.StartsWith("through")
                )
            );
        }

        // Someone without an Outturn account is refused, and not signed in.
        provider.NextUser = "stranger";
        var stranger = await SignInThroughProviderAsync(factory, provider);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Final.StatusCode);
        Assert.Contains(
            "There is no Outturn account for stranger",
            await stranger.Final.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Signed in as", await stranger.Client.GetStringAsync("/"), StringComparison.Ordinal);

        // A token signed with another key is refused by the handler.
        provider.NextUser = "jbloggs";
        provider.SignWithWrongKey = true;
        var forged = await SignInThroughProviderAsync(factory, provider);
        Assert.Equal(HttpStatusCode.Forbidden, forged.Final.StatusCode);
        Assert.Contains("did not complete", await forged.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Signed in as", await forged.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    private static async Task AddUserAsync(WebApplicationFactory<Program> factory, string name, string role)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(
            factory.Services
        );
        var sp = scope.ServiceProvider;
        var db = (Data.Storage.OutturnDbContext)sp.GetService(typeof(Data.Storage.OutturnDbContext))!;
        var users = (Microsoft.AspNetCore.Identity.UserManager<OutturnUser>)
            sp.GetService(typeof(Microsoft.AspNetCore.Identity.UserManager<OutturnUser>))!;
        var user = new OutturnUser
        {
            UserName = name,
            DisplayName = name,
            OrganisationId = db.Organisations.Single().Id,
        };
        Assert.True((await users.CreateAsync(user, OutturnFactory.Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>Clicks "Sign in with …", follows the provider's redirect back, and returns Outturn's last
    /// answer.</summary>
    private static async Task<(HttpClient Client, HttpResponseMessage Final)> SignInThroughProviderAsync(
        WebApplicationFactory<Program> factory,
        FakeProvider provider
    )
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/sign-in?returnUrl=%2Fcommittees%2FCabinet");
        Assert.Contains("Sign in with Borsetshire account", page, StringComparison.Ordinal);
        var challenge = await client.PostAsync(
            "/account/sign-in?handler=External",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["returnUrl"] = "/committees/Cabinet",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(provider.Issuer + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = (await browser.GetAsync(authorize)).Headers.Location!;
        Assert.Equal("/signin-oidc", back.AbsolutePath);
        var callback = await client.GetAsync(back.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.StartsWith("/account/external", callback.Headers.Location!.ToString(), StringComparison.Ordinal);
        return (client, await client.GetAsync(callback.Headers.Location));
    }

    /// <summary>An OpenID Connect provider just big enough for the authorisation code flow.</summary>
    private sealed class FakeProvider : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RSA _key = RSA.Create(2048);
        private readonly RSA _wrongKey = RSA.Create(2048);
        private readonly ConcurrentDictionary<string, (string User, string Nonce, string Challenge)> _codes = new();

        public string Issuer { get; private set; } = "";
        public string NextUser { get; set; } = "";
        public bool SignWithWrongKey { get; set; }

        private FakeProvider(WebApplication app) => _app = app;

        public static async Task<FakeProvider> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var provider = new FakeProvider(app);
            provider.Map();
            await app.StartAsync();
            provider.Issuer = app.Urls.First();
            return provider;
        }

        private void Map()
        {
            _app.MapGet(
                "/.well-known/openid-configuration",
                () =>
                    Results.Json(
                        new Dictionary<string, object>
                        {
                            ["issuer"] = Issuer,
                            ["authorization_endpoint"] = Issuer + "/authorize",
                            ["token_endpoint"] = Issuer + "/token",
                            ["jwks_uri"] = Issuer + "/jwks",
                            ["response_types_supported"] = new[] { "code" },
                            ["subject_types_supported"] = new[] { "public" },
                            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                            ["code_challenge_methods_supported"] = new[] { "S256" },
                        }
                    )
            );
            _app.MapGet(
                "/jwks",
                () =>
                {
                    var p = _key.ExportParameters(false);
                    return Results.Json(
                        new
                        {
                            keys = new[]
                            {
                                new
                                {
                                    kty = "RSA",
                                    use = "sig",
                                    alg = "RS256",
                                    kid = "k1",
                                    n = B64(p.Modulus!),
                                    e = B64(p.Exponent!),
                                },
                            },
                        }
                    );
                }
            );
            _app.MapGet(
                "/authorize",
                (HttpRequest r) =>
                {
                    Assert.Equal("outturn", r.Query["client_id"]);
                    Assert.Equal("code", r.Query["response_type"]);
                    Assert.Equal("S256", r.Query["code_challenge_method"]);
                    var code = Guid.NewGuid().ToString("N");
                    _codes[code] = (NextUser, r.Query["nonce"]!, r.Query["code_challenge"]!);
                    return Results.Redirect(
                        $"{r.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(r.Query["state"]!)}"
                    );
                }
            );
            _app.MapPost(
                "/token",
                async (HttpRequest r) =>
                {
                    var form = await r.ReadFormAsync();
                    var clientId = form["client_id"].ToString();
                    var secret = form["client_secret"].ToString();
                    if (
                        r.Headers.Authorization.ToString() is { Length: > 6 } basic
                        && basic.StartsWith("Basic ", StringComparison.Ordinal)
                    )
                    {
                        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':');
                        (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
                    }

                    if (
                        clientId != "outturn"
                        || secret != "s3cret"
                        || !_codes.TryRemove(form["code"].ToString(), out var grant)
                        || B64(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())))
                            != grant.Challenge
                    )
                    {
                        return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                    }

                    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    var idToken = Jwt(
                        new Dictionary<string, object>
                        {
                            ["iss"] = Issuer,
                            ["aud"] = "outturn",
                            ["sub"] = "subject-" + grant.User,
                            ["nonce"] = grant.Nonce,
                            ["iat"] = now,
                            ["nbf"] = now,
                            ["exp"] = now + 300,
                            ["preferred_username"] = grant.User,
                            ["name"] = grant.User,
                        }
                    );
                    return Results.Json(
                        new
                        {
                            access_token = "opaque",
                            token_type = "Bearer",
                            expires_in = 300,
                            id_token = idToken,
                        }
                    );
                }
            );
        }

        private string Jwt(Dictionary<string, object> claims)
        {
            var header = B64(
                JsonSerializer.SerializeToUtf8Bytes(
                    new
                    {
                        alg = "RS256",
                        typ = "JWT",
                        kid = "k1",
                    }
                )
            );
            var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
            var signature = (SignWithWrongKey ? _wrongKey : _key).SignData(
                Encoding.ASCII.GetBytes($"{header}.{payload}"),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1
            );
            return $"{header}.{payload}.{B64(signature)}";
        }

        private static string B64(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _key.Dispose();
            _wrongKey.Dispose();
        }
    }
}
