using System.Net;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Web.Tests;

/// <summary>Performance officers add and change measures and committees on the web, checked as an import checks
/// them.</summary>
public class FrameworkAdminTests
{
    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        string url,
        IEnumerable<KeyValuePair<string, string>> fields,
        string? formUrl = null
    )
    {
        var token = OutturnFactory.Token(await client.GetStringAsync(formUrl ?? url));
        return await client.PostAsync(
            url,
            new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)))
        );
    }

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_officer_adds_and_changes_a_measure_with_the_imports_checks(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Roles.PerformanceOfficer);
        await factory.AddUserAsync("councillor", Roles.Councillor);
        var officer = await factory.SignedInAsync("officer");

        var list = await officer.GetStringAsync("/admin/measures");
        Assert.Contains("/admin/measures/edit/HO01", list, StringComparison.Ordinal);

        // Bad values come back in the error summary, each linked to its field; nothing is added.
        KeyValuePair<string, string>[] newMeasure =
        [
            F("Fields[ref]", "CS99"),
            F("Fields[title]", "Fly-tipping incidents cleared within 2 days"),
            F("Fields[kind]", "measure"),
            F("Fields[unit]", "percentage"),
            F("Fields[polarity]", "higher"),
            F("Fields[frequency]", "monthly"),
            F("Fields[aggregation]", "snapshot"),
            F("Fields[priority]", "Safe"),
            F("Fields[theme]", "Clean streets"),
            F("Fields[decimals]", "1"),
            F("Fields[owner]", "Street scene manager"),
            F("Committees", "Cabinet"),
            F("Committees", "Environment and Crime Scrutiny"),
            F("NewCommittee", ""),
            F("Fields[description]", "Share of reports cleared within two working days."),
        ];
        var bad = await PostAsync(
            officer,
            "/admin/measures/edit",
            newMeasure
                .Append(F("Fields[amber_tolerance]", "5 percent"))
                .Append(F("Fields[rate_per]", "7"))
                .Append(F("Fields[spc_fix_after]", "1"))
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#f-amber_tolerance\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-rate_per\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-spc_fix_after\"", html, StringComparison.Ordinal);
        await using (var context = await database.OpenAsync())
        {
            Assert.False(await context.Items.AnyAsync(i => i.RefKey == "CS99"));
        }

        var taken = await PostAsync(
            officer,
            "/admin/measures/edit",
            newMeasure.Select(f => f.Key == "Fields[ref]" ? F("Fields[ref]", "ho01") : f)
        );
        Assert.Contains(
            "HO01 is already used",
            await taken.Content.ReadAsStringAsync(),
            StringComparison.OrdinalIgnoreCase
        );

        var added = await PostAsync(
            officer,
            "/admin/measures/edit",
            newMeasure.Append(F("Fields[amber_tolerance]", "2pt"))
        );
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(
            "CS99 is saved",
            await officer.GetStringAsync(added.Headers.Location!.ToString()),
            StringComparison.Ordinal
        );
        await using (var context = await database.OpenAsync())
        {
            var item = await context
                .Items.Include(i => i.Theme)
                    .ThenInclude(t => t!.Priority)
                .Include(i => i.Committees)
                    .ThenInclude(c => c.Committee)
                .SingleAsync(i => i.RefKey == "CS99");
            Assert.Equal(
                ("Safe", "Clean streets", "2pt", Domain.Framework.Unit.Percentage),
                (item.Theme!.Priority!.Name, item.Theme.Name, item.AmberTolerance, item.Unit)
            );
            Assert.Equal(
                ["Cabinet", "Environment and Crime Scrutiny"],
                item.Committees.Select(c => c.Committee!.Name).Order()
            );
        }

        // Change an existing measure: its title and owner, and a new committee; the form shows what is stored.
        var form = await officer.GetStringAsync("/admin/measures/edit/HO01");
        Assert.Contains("value=\"Households in temporary accommodation", form, StringComparison.Ordinal);
        var changed = await PostAsync(
            officer,
            "/admin/measures/edit/HO01",
            [
                F("Fields[title]", "Households in temporary accommodation (all types)"),
                F("Fields[kind]", "measure"),
                F("Fields[unit]", "count"),
                F("Fields[polarity]", "lower"),
                F("Fields[frequency]", "monthly"),
                F("Fields[aggregation]", "snapshot"),
                F("Fields[decimals]", "0"),
                F("Fields[priority]", "Strong"),
                F("Fields[theme]", "Housing"),
                F("Fields[owner]", "Head of housing"),
                F("Committees", "Towns and Communities Scrutiny"),
                F("NewCommittee", "Housing Board"),
                F("Fields[spc_fix_after]", "13"),
                F("Fields[spc_screen]", "yes"),
            ]
        );
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = await officer.GetStringAsync("/measures/HO01");
        Assert.Contains(
            "The mean and limits are worked out from the first 13 figures (of each baseline) and fixed after them. "
                + "Moving ranges above 3.267 times their mean are left out of the limits.",
            page,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "value=\"13\"",
            await officer.GetStringAsync("/admin/measures/edit/HO01"),
            StringComparison.Ordinal
        );
        Assert.Contains("Households in temporary accommodation (all types)", page, StringComparison.Ordinal);
        Assert.Contains("Head of housing", page, StringComparison.Ordinal);
        Assert.Contains(
            "/measures/HO01",
            await officer.GetStringAsync("/committees/Housing%20Board?period=2018-03"),
            StringComparison.Ordinal
        );
        await using (var context = await database.OpenAsync())
        {
            Assert.True(
                await context.Entries.CountAsync(e => e.ItemId == context.Items.Single(i => i.RefKey == "HO01").Id) > 12
            ); // its figures are kept
        }

        var councillor = await factory.SignedInAsync("councillor");
        Assert.Contains(
            "access-denied",
            (await councillor.GetAsync("/admin/measures")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "access-denied",
            (await councillor.GetAsync("/admin/measures/edit/HO01")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/admin/measures/edit/NOPE99")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_officer_adds_and_renames_committees_and_publications_follow(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        var dashboard = await officer.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await officer.PostAsync(
                    "/committees/Cabinet?handler=Publish",
                    new FormUrlEncodedContent(
                        new Dictionary<string, string>
                        {
                            ["period"] = "2018-03",
                            ["confirmed"] = "true",
                            ["__RequestVerificationToken"] = OutturnFactory.Token(dashboard),
                        }
                    )
                )
            ).StatusCode
        );

        var added = await PostAsync(officer, "/admin/committees", [F("Name", "Audit Committee")]);
        Assert.Contains("Audit Committee is added", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twice = await PostAsync(officer, "/admin/committees", [F("Name", "Audit Committee")]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains(
            "already a committee called Audit Committee",
            await twice.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await PostAsync(officer, "/admin/committees", [F("Name", "  ")])).StatusCode
        );

        int id;
        await using (var context = await database.OpenAsync())
        {
            id = (await context.Committees.SingleAsync(c => c.Name == "Cabinet")).Id;
        }

        var renamed = await PostAsync(
            officer,
            "/admin/committees?handler=Rename",
            [F("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("newName", "Executive")],
            "/admin/committees"
        );
        Assert.Contains(
            "Cabinet is now called Executive",
            await renamed.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        // The published period follows the name: a visitor still sees it.
        Assert.Equal(
            HttpStatusCode.OK,
            (await factory.Browser().GetAsync("/committees/Executive?period=2018-03")).StatusCode
        );
        var clash = await PostAsync(
            officer,
            "/admin/committees?handler=Rename",
            [F("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("newName", "Audit Committee")],
            "/admin/committees"
        );
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
    }

    [Fact]
    public async Task The_measure_form_has_every_column_of_the_measures_table_so_saving_it_clears_nothing()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var form = await admin.GetStringAsync("/admin/measures/edit/HO01");

        // The ref of a measure being changed comes from its address; a new one's is a field.
        foreach (var column in Data.Interchange.Columns.Measures.Where(c => c is not ("committees" or "ref")))
        {
            Assert.Contains($"name=\"Fields[{column}]\"", form, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"Committees\"", form, StringComparison.Ordinal);
        Assert.Contains(
            "name=\"Fields[ref]\"",
            await admin.GetStringAsync("/admin/measures/edit"),
            StringComparison.Ordinal
        );
    }

    /// <summary>An officer works a measure's control limits out afresh from a period on its edit page; the measure's
    /// chart steps there and says why.</summary>
    [Fact]
    public async Task An_officer_sets_new_limits_with_a_reason_and_the_chart_shows_the_step()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        const string Edit = "/admin/measures/edit/HO01";
        Task<HttpResponseMessage> Post(string handler, params KeyValuePair<string, string>[] fields) =>
            PostAsync(officer, $"{Edit}?handler={handler}", fields, Edit);

        Assert.Contains(
            "The limits are worked out from all",
            await officer.GetStringAsync(Edit),
            StringComparison.Ordinal
        );

        var bad = await Post("rebase", F("RebaseFrom", "April"), F("RebaseReason", "New model"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("href=\"#rebase-from\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await Post("rebase", F("RebaseFrom", "2017-10"), F("RebaseReason", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(
            "href=\"#rebase-reason\"",
            await noReason.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        var set = await Post(
            "rebase",
            F("RebaseFrom", "2017-10"),
            F("RebaseReason", "New prevention service from October 2017")
        );
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var edit = await officer.GetStringAsync(Edit);
        Assert.Contains("New prevention service from October 2017", edit, StringComparison.Ordinal);

        var page = await officer.GetStringAsync("/measures/HO01");
        Assert.Contains("class=\"rebase\"", page, StringComparison.Ordinal);
        Assert.Contains(
            "line 1: limits worked out afresh from October 2017 (New prevention service from October 2017)",
            page,
            StringComparison.Ordinal
        );

        var removed = await Post("unrebase", F("from", "2017-10"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(
            "class=\"rebase\"",
            await officer.GetStringAsync("/measures/HO01"),
            StringComparison.Ordinal
        );
        await using var context = await database.OpenAsync();
        Assert.Equal(0, await context.SpcRebases.CountAsync());
    }
}
