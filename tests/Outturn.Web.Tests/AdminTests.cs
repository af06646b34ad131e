using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Outturn.Web.Tests;

public class AdminTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_adds_a_person_who_can_then_sign_in(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var weak = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/users",
            new()
            {
                ["UserName"] = "cllr.ambridge",
                ["Role"] = "Councillor",
                ["Password"] = "short",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/users",
            new()
            {
                ["UserName"] = "cllr.ambridge",
                ["DisplayName"] = "Cllr Ambridge",
                ["Role"] = "Councillor",
                ["Password"] = OutturnFactory.Password,
            }
        );
        Assert.Contains(
            "cllr.ambridge can now sign in",
            await added.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        // Until the person signs in, the People page says they never have; then when they last did.
        static string LastSignIn(string page, string name) =>
            System
                .Text.RegularExpressions.Regex.Match(
                    page,
                    $"<td class=\"govuk-table__cell\">{name}</td>.*?id=\"last-sign-in-[^\"]+\">(?<at>[^<]*)</td>",
                    System.Text.RegularExpressions.RegexOptions.Singleline
                )
                .Groups["at"]
                .Value;
        Assert.Equal("Never", LastSignIn(await admin.GetStringAsync("/admin/users"), "cllr.ambridge"));
        var councillor = await factory.SignedInAsync("cllr.ambridge");
        Assert.Matches(
            @"^\d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC$",
            LastSignIn(await admin.GetStringAsync("/admin/users"), "cllr.ambridge")
        );
        Assert.Contains("Summary by priority", await councillor.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(
            "access-denied",
            (await councillor.GetAsync("/admin/users")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
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

        var bad = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/scheme",
            new()
            {
                ["AmberTolerance"] = "five",
                ["BlueMargin"] = "none",
                ["MissingRating"] = "no_data",
                ["DirectionTolerance"] = "0",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("govuk-error-summary", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/scheme",
            new()
            {
                ["AmberTolerance"] = "0",
                ["BlueMargin"] = "none",
                ["MissingRating"] = "no_data",
                ["DirectionTolerance"] = "0",
            }
        );
        Assert.Contains(
            "Every rating now follows the new scheme",
            await saved.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        // In the audit trail as the signed-in person's change, and on the audit page.
        await using (var context = await database.OpenAsync())
        {
            var change = await context.AuditEvents.SingleAsync(e =>
                e.Kind == Data.Storage.AuditKinds.FrameworkChanged
                && e.Subject == "scheme and settings"
                && e.Actor == "admin"
            );
            Assert.Contains("amber tolerance: '5%' → '0'", change.Detail, StringComparison.Ordinal);
        }

        Assert.Contains(
            "amber tolerance: &#x27;5%&#x27; &#x2192; &#x27;0&#x27;",
            await admin.GetStringAsync("/admin/audit"),
            StringComparison.Ordinal
        );
        var after = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        // Two-state: measures within the old 5% band turn red; amber stays only for actions with some slippage and
        // measures with their own tolerance.
        static int Ambers(string html) => System.Text.RegularExpressions.Regex.Count(html, "govuk-tag--yellow");
        Assert.True(Ambers(after) < Ambers(before), $"{Ambers(after)} ambers after, {Ambers(before)} before");

        // Directions shown raw (up or down) instead of judged: the dashboard's words change, the scheme keeps it.
        Assert.Contains("</span> Improving</td>", after, StringComparison.Ordinal);
        var raw = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/scheme",
            new()
            {
                ["AmberTolerance"] = "0",
                ["BlueMargin"] = "none",
                ["MissingRating"] = "no_data",
                ["DirectionTolerance"] = "0",
                ["DirectionStyle"] = "raw",
            }
        );
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Contains(
            "id=\"direction-style-raw\" name=\"DirectionStyle\" type=\"radio\" value=\"raw\" checked",
            await admin.GetStringAsync("/admin/scheme"),
            StringComparison.Ordinal
        );
        var shownRaw = await admin.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.DoesNotContain("</span> Improving</td>", shownRaw, StringComparison.Ordinal);
        Assert.Matches("</span> (Increasing|Decreasing)</td>", shownRaw);
    }

    [Fact]
    public async Task Directions_worked_out_by_statistical_process_control_are_chosen_on_the_scheme_page()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        const string dashboard = "/committees/Cabinet?period=2018-03";
        var before = await admin.GetStringAsync(dashboard);
        Assert.Contains("improved on the figure they are compared with", before, StringComparison.Ordinal);
        // (In the direction column, after its arrow; the SPC column says it of its own accord.)
        Assert.DoesNotContain("►</span> No significant change", before, StringComparison.Ordinal);

        Task<HttpResponseMessage> SchemeAsync(string method) =>
            OutturnFactory.PostFormAsync(
                admin,
                "/admin/scheme",
                new()
                {
                    ["AmberTolerance"] = "5%",
                    ["BlueMargin"] = "none",
                    ["MissingRating"] = "no_data",
                    ["DirectionTolerance"] = "0",
                    ["DirectionStyle"] = "judged",
                    ["DirectionMethod"] = method,
                }
            );
        var saved = await SchemeAsync("spc");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains(
            "id=\"direction-method-spc\" name=\"DirectionMethod\" type=\"radio\" value=\"spc\" checked",
            await admin.GetStringAsync("/admin/scheme"),
            StringComparison.Ordinal
        );
        // The demo's monthly measures have two years of figures: their directions now say whether the latest is
        // beyond the usual variation, and the summary says how it was worked out.
        var after = await admin.GetStringAsync(dashboard);
        Assert.Contains("►</span> No significant change", after, StringComparison.Ordinal);
        Assert.Contains("by statistical process control", after, StringComparison.Ordinal);

        var refused = await SchemeAsync("guesswork");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(
            "expected two_point or spc",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task An_administrator_changes_a_role_and_removes_and_restores_access()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("jo", Data.Entities.Roles.Councillor);
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var jo = await factory.SignedInAsync("jo");
        Assert.Contains(
            "access-denied",
            (await jo.GetAsync("/admin/scheme")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );

        string id;
        await using (var context = await database.OpenAsync())
        {
            id = context.Users.Single(u => u.UserName == "jo").Id;
        }

        var changed = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/users?handler=Role",
            new() { ["id"] = id, ["role"] = Data.Entities.Roles.PerformanceOfficer }
        );
        Assert.Contains(
            "jo is now PerformanceOfficer",
            await changed.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        // Signed in again (her old cookie's security stamp is refused within a minute), she has the new role.
        jo = await factory.SignedInAsync("jo");
        Assert.Equal(HttpStatusCode.OK, (await jo.GetAsync("/admin/scheme")).StatusCode);

        var removed = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/users?handler=Access",
            new() { ["id"] = id, ["restore"] = "false" }
        );
        Assert.Contains(
            "jo can no longer sign in",
            await removed.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await OutturnFactory.SignInAsync(factory.Browser(), "jo", OutturnFactory.Password)).StatusCode
        );

        var restored = await OutturnFactory.PostFormAsync(
            admin,
            "/admin/users?handler=Access",
            new() { ["id"] = id, ["restore"] = "true" }
        );
        Assert.Contains("jo can sign in again", await restored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await OutturnFactory.SignInAsync(factory.Browser(), "jo", OutturnFactory.Password)).StatusCode
        );

        // Nobody locks themselves out; a person of another organisation is not found.
        string adminId;
        await using (var context = await database.OpenAsync())
        {
            adminId = context.Users.Single(u => u.UserName == "admin").Id;
        }

        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await OutturnFactory.PostFormAsync(
                    admin,
                    "/admin/users?handler=Access",
                    new() { ["id"] = adminId, ["restore"] = "false" }
                )
            ).StatusCode
        );
        await factory.AddUserAsync("elsewhere", Data.Entities.Roles.Councillor, otherOrganisation: true);
        await using (var context = await database.OpenAsync())
        {
            var other = context.Users.Single(u => u.UserName == "elsewhere").Id;
            Assert.Equal(
                HttpStatusCode.NotFound,
                (
                    await OutturnFactory.PostFormAsync(
                        admin,
                        "/admin/users?handler=Role",
                        new() { ["id"] = other, ["role"] = Data.Entities.Roles.Administrator }
                    )
                ).StatusCode
            );
        }
    }
}
