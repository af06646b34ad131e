using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>Settings are checked as the app starts, and the app's clock is the one injected.</summary>
public sealed class StartupTests
{
    private sealed class Configured(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Outturn:LoadDemo", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Theory]
    [InlineData(
        "Outturn:PublicBaseAddress",
        "performance.example.gov.uk",
        "Outturn:PublicBaseAddress is 'performance.example.gov.uk'"
    )]
    [InlineData(
        "Outturn:PublicBaseAddress",
        "ftp://performance.example.gov.uk",
        "expected an absolute http or https address"
    )]
    [InlineData("Outturn:AdminPassword", "short", "Outturn:AdminPassword has 5 characters")]
    [InlineData("Outturn:Oidc:ClientId", "outturn", "Outturn:Oidc:Authority is not set")]
    [InlineData("Outturn:Database", "Data Source=x.db;Colour=blue", "Outturn:Database (or OUTTURN_DATABASE)")]
    // A standby of a SQLite file, and a SQLite file as the standby: neither exists.
    [InlineData(
        "Outturn:ReadDatabase",
        "Host=standby;Database=outturn;Password=secret",
        "Outturn:ReadDatabase is set: expected a PostgreSQL connection string to a standby of a PostgreSQL"
    )]
    [InlineData("Outturn:ReadDatabase", "replica.db", "Outturn:ReadDatabase is set")]
    public void A_bad_setting_stops_the_app_naming_it(string key, string value, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("outturn-startup-");
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Outturn:Database"] = Path.Combine(folder.FullName, "o.db"),
                [key] = value,
            };
            using var factory = new Configured(settings);
            var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Good_settings_start()
    {
        var folder = Directory.CreateTempSubdirectory("outturn-startup-");
        try
        {
            using var factory = new Configured(
                new Dictionary<string, string>
                {
                    ["Outturn:Database"] = Path.Combine(folder.FullName, "o.db"),
                    ["Outturn:PublicBaseAddress"] = "https://performance.example.gov.uk",
                    ["Outturn:Oidc:Authority"] = "https://login.example.com/tenant/v2.0",
                    ["Outturn:Oidc:ClientId"] = "outturn",
                }
            );
            using var client = factory.CreateClient();
            Assert.NotNull(factory.Services.GetRequiredService<OutturnOptions>().PublicBaseAddress);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>An organisation with no figures yet is shown the latest quarter to have ended by the app's clock, not a
    /// fixed year: on 28 December 2026 that is July to September 2026 (Q2 2026/27); a week later, the quarter to
    /// December.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_empty_framework_is_shown_the_latest_period_by_the_clock(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database) { Clock = clock };
        await factory.AddUserAsync("newcouncil", Roles.PerformanceOfficer, otherOrganisation: true);
        var client = await factory.SignedInAsync("newcouncil");
        Assert.Contains("Performance for Q2 2026/27", await client.GetStringAsync("/"), StringComparison.Ordinal);
        // Within the sign-in's lifetime, which runs on the same clock.
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Contains("Performance for Q3 2026/27", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
