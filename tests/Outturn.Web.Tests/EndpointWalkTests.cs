using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>
/// Every endpoint the app maps has a decision about who may use it, written down here; the app's own metadata
/// must say the same, and a walk of every endpoint with every kind of caller must find it kept. A new endpoint
/// without a decision fails this test.
/// </summary>
public sealed class EndpointWalkTests
{
    /// <summary>Who may use an endpoint.</summary>
    private abstract record Door;

    /// <summary>Anyone, signed in or not; nothing on it depends on what is published (sign-in, help, health).</summary>
    private sealed record Open : Door;

    /// <summary>Anyone; a visitor sees only what was published, the organisation's people everything.</summary>
    private sealed record Published : Door;

    /// <summary>Only what was published, to anyone who may see the publication (a covering report published with a
    /// dashboard): with nothing published a visitor is asked to sign in, and with a publication that has none anyone
    /// finds nothing.</summary>
    private sealed record PublishedOnly : Door;

    /// <summary>Anyone signed in to the organisation (the page narrows further by what the person may do).</summary>
    private sealed record SignedIn : Door;

    /// <summary>Only people holding the named policy.</summary>
    private sealed record Policy(string Name) : Door;

    private static readonly Dictionary<string, Door> Doors = new(StringComparer.Ordinal)
    {
        ["ANY "] = new Published(),
        ["ANY Index"] = new Published(),
        ["ANY Error"] = new Open(),
        ["ANY NotFound"] = new Open(),
        ["ANY account/sign-in"] = new Open(),
        ["ANY account/sign-out"] = new SignedIn(),
        ["ANY account/password"] = new SignedIn(),
        ["ANY account/forgot-password"] = new Open(),
        ["ANY account/reset-password"] = new Open(),
        ["ANY account/external"] = new Open(),
        ["ANY account/access-denied"] = new Open(),
        ["ANY privacy"] = new Open(),
        ["ANY cookies"] = new Open(),
        ["ANY accessibility"] = new Open(),
        ["ANY help"] = new Open(),
        ["ANY api/docs"] = new Open(),
        ["ANY committees/{committee}"] = new Published(),
        ["ANY committees/{committee}/publish"] = new Policy(Policies.Publish),
        ["ANY measures/{reference}"] = new Published(),
        ["ANY priorities/{priority}"] = new SignedIn(),
        ["ANY entry"] = new Policy(Policies.EnterFigures),
        ["ANY collection"] = new Policy(Policies.ApproveFigures),
        ["ANY collection/return"] = new Policy(Policies.ApproveFigures),
        ["ANY targets"] = new Policy(Policies.EnterFigures),
        // A measure owner holds the policy; the page then lets them enter their own measures only (AccessTests).
        ["ANY measures/{reference}/enter"] = new Policy(Policies.EnterFigures),
        ["ANY reports/covering"] = new Policy(Policies.WriteReports),
        ["ANY upload"] = new Policy(Policies.Upload),
        ["ANY admin/measures"] = new Policy(Policies.ManageFramework),
        ["ANY admin/measures/edit/{reference?}"] = new Policy(Policies.ManageFramework),
        ["ANY admin/committees"] = new Policy(Policies.ManageFramework),
        ["ANY admin/scheme"] = new Policy(Policies.ManageFramework),
        ["ANY admin/deadlines"] = new Policy(Policies.ManageFramework),
        ["ANY admin/comparisons"] = new Policy(Policies.ManageFramework),
        ["ANY admin/tokens"] = new Policy(Policies.ManageTokens),
        ["ANY admin/users"] = new Policy(Policies.ManagePeople),
        ["ANY admin/audit"] = new Policy(Policies.ManagePeople),
        ["GET /reports/{layout}"] = new Published(),
        ["GET /committees/{committee}/covering-report"] = new PublishedOnly(),
        ["GET /api/v1/organisations"] = new Published(),
        ["GET /api/v1/organisations/{org}/"] = new Published(),
        ["GET /api/v1/organisations/{org}/framework"] = new Published(),
        ["GET /api/v1/organisations/{org}/items"] = new Published(),
        ["GET /api/v1/organisations/{org}/items/{ref}"] = new Published(),
        ["GET /api/v1/organisations/{org}/periods"] = new Published(),
        ["GET /api/v1/organisations/{org}/values"] = new Published(),
        ["POST /api/v1/organisations/{org}/values"] = new Policy(Policies.WriteApi),
        ["GET /api/v1/organisations/{org}/evaluations"] = new Published(),
        ["GET /api/v1/organisations/{org}/summaries"] = new Published(),
        ["GET /api/v1/organisations/{org}/publications"] = new Published(),
        ["GET /api/v1/organisations/{org}/comparisons"] = new Published(),
        ["GET /api/v1/organisations/{org}/collection"] = new Policy(Policies.ApproveFigures),
        // Owners submit their own figures; approving and returning is narrowed further to ApproveFigures.
        ["POST /api/v1/organisations/{org}/collection/steps"] = new Policy(Policies.EnterFigures),
        ["GET /open-data/{org}/measures.{format}"] = new Published(),
        ["GET /open-data/{org}/values.{format}"] = new Published(),
        ["GET /open-data/{org}/comparisons.{format}"] = new Published(),
        ["ANY /health/live"] = new Open(),
        ["ANY /health/ready"] = new Open(),
        ["GET /openapi/{documentName}.json"] = new Open(),
    };

    private static string KeyOf(RouteEndpoint e)
    {
        var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
        return methods is { Count: > 0 }
            ? $"{string.Join(",", methods)} {e.RoutePattern.RawText}"
            : $"ANY {e.RoutePattern.RawText}";
    }

    [Fact]
    public async Task Every_endpoint_has_a_decision_and_its_metadata_says_it()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var factory = new OutturnFactory(database);
        _ = factory.Browser();
        var endpoints = factory
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .ToList();
        var keys = endpoints.Select(KeyOf).Distinct().ToList();
        Assert.Empty(keys.Except(Doors.Keys));
        Assert.Empty(Doors.Keys.Except(keys));
        foreach (var endpoint in endpoints)
        {
            var key = KeyOf(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint
                .Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy)
                .OfType<string>()
                .ToList();
            switch (Doors[key])
            {
                case Open or Published or PublishedOnly:
                    Assert.True(anonymous, $"{key} should allow anonymous callers");
                    break;
                case SignedIn:
                    Assert.False(anonymous, $"{key} should need a signed-in person");
                    Assert.Empty(policies);
                    break;
                case Policy(var name):
                    if (key.StartsWith("ANY", StringComparison.Ordinal))
                    {
                        Assert.False(anonymous, key);
                        Assert.Equal([name], policies);
                    }

                    break;
            }
        }
    }

    private static readonly string[] Callers =
    [
        "",
        Roles.Councillor,
        Roles.MeasureOwner,
        Roles.PerformanceOfficer,
        Roles.Administrator,
    ];

    /// <summary>Fills a route's parameters with things the demo council has (the web app's demo publishes January to
    /// March 2018, without a covering report).</summary>
    private static string Address(string pattern, string org) =>
        "/"
        + pattern
            .TrimStart('/')
            .Replace("{committee}", "Cabinet", StringComparison.Ordinal)
            .Replace("{reference}/", "CU01/", StringComparison.Ordinal)
            .Replace("{reference?}", "CU01", StringComparison.Ordinal)
            .Replace("{reference}", "CU01", StringComparison.Ordinal)
            .Replace("{priority}", "Safe", StringComparison.Ordinal)
            .Replace("{layout}", "annual", StringComparison.Ordinal)
            .Replace("{org}", org, StringComparison.Ordinal)
            .Replace("{ref}", "CU01", StringComparison.Ordinal)
            .Replace("{format}", "csv", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
        + (pattern.Contains("{layout}", StringComparison.Ordinal) ? "?format=csv" : "")
        + (pattern.EndsWith("covering-report", StringComparison.Ordinal) ? "?period=2018-03&format=html" : "");

    [Fact]
    public async Task Every_endpoint_keeps_its_decision_for_every_kind_of_caller()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        using var factory = new OutturnFactory(database);
        foreach (var role in Callers.Where(r => r.Length > 0))
        {
            await factory.AddUserAsync(role.ToLowerInvariant(), role);
        }

        var clients = new Dictionary<string, HttpClient> { [""] = factory.Browser() };
        foreach (var role in Callers.Where(r => r.Length > 0))
        {
            clients[role] = await factory.SignedInAsync(role.ToLowerInvariant());
        }

        var org = Data.Entities.Slug.Of("Borsetshire County Council");
        var endpoints = factory
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.RoutePattern.RawText is { } raw
                && !raw.Equals("Index", StringComparison.Ordinal)
                && !raw.Equals("Error", StringComparison.Ordinal)
                && !raw.StartsWith("account/sign-out", StringComparison.Ordinal)
            )
            .ToList();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var key = KeyOf(endpoint);
            var door = Doors[key];
            var post = key.StartsWith("POST", StringComparison.Ordinal);
            var address = Address(endpoint.RoutePattern.RawText!, org);
            foreach (var caller in Callers)
            {
                using var response = post
                    ? await clients[caller]
                        .PostAsync(
                            address,
                            new StringContent("{\"values\":[]}", System.Text.Encoding.UTF8, "application/json")
                        )
                    : await clients[caller].GetAsync(address);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                var toSignIn =
                    response.StatusCode == HttpStatusCode.Unauthorized
                    || (status == 302 && location.Contains("/account/sign-in", StringComparison.Ordinal));
                var refused =
                    toSignIn
                    || response.StatusCode == HttpStatusCode.Forbidden
                    || location.Contains("/account/access-denied", StringComparison.Ordinal);
                var who = caller.Length == 0 ? "a visitor" : caller;
                var holds = door is Policy(var name) && caller.Length > 0 && Policies.RolesFor[name].Contains(caller);
                var expected = door switch
                {
                    // An open page may answer 403 itself (the access-denied page does): only being sent to sign in is
                    // refusal.
                    Open => !toSignIn && status < 500,
                    Published => caller.Length == 0 ? status < 500 : status is >= 200 and < 300,
                    PublishedOnly => (caller.Length == 0 && toSignIn) || status is 404 or (>= 200 and < 300),
                    SignedIn => caller.Length == 0 ? toSignIn : !refused && status < 500,
                    Policy => caller.Length == 0 ? toSignIn || (post && refused)
                    : holds ? !refused && status < 500
                    : refused,
                    _ => false,
                };
                if (!expected || status >= 500)
                {
                    failures.Add(
                        $"{key} at {address} for {who}: {status} {location} "
                            + $"{(status == 400 ? await response.Content.ReadAsStringAsync() : "")}"
                    );
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
