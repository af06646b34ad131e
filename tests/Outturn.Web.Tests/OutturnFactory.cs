using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Outturn.Web.Tests;

/// <summary>The web app over a fresh database of its own holding the demo council.</summary>
public sealed class OutturnFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Outturn:Database", database.Target.ConnectionString);
        builder.UseSetting("Outturn:LoadDemo", "true");
        builder.UseSetting("Outturn:AdminPassword", AdminPassword);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(clock));
        }
    }

    /// <summary>The app's clock, when a test sets it (a FakeTimeProvider); else the system's.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>More settings for the app, by configuration key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public const string AdminPassword = "correct horse battery";
    public const string Password = "a long enough passphrase";

    /// <summary>Adds a person with a role, in the demo council or (with <paramref name="otherOrganisation"/>) in
    /// another one.</summary>
    public async Task AddUserAsync(string name, string role, bool otherOrganisation = false, string? displayName = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
        int orgId;
        if (otherOrganisation)
        {
            var other = new Data.Entities.Organisation
            {
                Name = "Another Council " + Guid.NewGuid().ToString("N")[..6],
            };
            db.Organisations.Add(other);
            await db.SaveChangesAsync();
            orgId = other.Id;
        }
        else
        {
            orgId = db.Organisations.Single(o => o.Name == "Borsetshire County Council").Id;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.Entities.OutturnUser>>();
        var user = new Data.Entities.OutturnUser
        {
            UserName = name,
            DisplayName = displayName ?? name,
            OrganisationId = orgId,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the sign-in form, as a browser would (anti-forgery token included).</summary>
    public async Task<HttpClient> SignedInAsync(string name, string password = Password)
    {
        var client = Browser();
        var response = await SignInAsync(client, name, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password)
    {
        var form = await client.GetStringAsync("/account/sign-in");
        return await client.PostAsync(
            "/account/sign-in",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["username"] = name,
                    ["password"] = password,
                    ["returnUrl"] = "/",
                    ["__RequestVerificationToken"] = Token(form),
                }
            )
        );
    }

    /// <summary>Posts a form as a browser does: the anti-forgery token from the form's own <paramref name="page"/>,
    /// the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string page,
        string action,
        Dictionary<string, string> fields
    )
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a form back to the page it is on.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string url,
        Dictionary<string, string> fields
    ) => PostFormAsync(client, url, url, fields);

    public static string Token(string html) =>
        System
            .Text.RegularExpressions.Regex.Match(
                html,
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\""
            )
            .Groups[1]
            .Value;

    public static async Task<(OutturnFactory Factory, TestDatabase Database)> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, demo: true);
        return (new OutturnFactory(database), database);
    }
}
