using System.Net;

namespace Outturn.Web.Tests;

/// <summary>Measure owners enter their figures; the rating updates on saving; every change is kept.</summary>
public class EntryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_owner_enters_a_figure_sees_the_new_rating_and_the_change_is_kept(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        var owner = await factory.SignedInAsync("housing");

        var due = await owner.GetStringAsync("/entry?period=2018-03");
        Assert.Contains("HO01", due, StringComparison.Ordinal);
        Assert.DoesNotContain("CU01", due, StringComparison.Ordinal);

        // 999 is far from the usual month's change: the person is asked to check it, and nothing is saved until they
        // do.
        var questioned = await OutturnFactory.PostFormAsync(
            owner,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "999",
                ["Qualifier"] = "provisional",
                ["Commentary"] = "A surge in presentations.",
                ["MissingReason"] = "",
            }
        );
        Assert.Equal(HttpStatusCode.OK, questioned.StatusCode);
        var warning = await questioned.Content.ReadAsStringAsync();
        Assert.Contains("Check this figure before it is saved", warning, StringComparison.Ordinal);
        Assert.Contains("more than 5 times the usual change", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(">999<", await owner.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        var saved = await OutturnFactory.PostFormAsync(
            owner,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "999",
                ["Qualifier"] = "provisional",
                ["Commentary"] = "A surge in presentations.",
                ["MissingReason"] = "",
                ["Confirmed"] = "true",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await owner.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("March 2018 is now rated Red", page, StringComparison.Ordinal);
        // Who, in the change history.
        Assert.Contains("<td class=\"govuk-table__cell\">housing</td>", page, StringComparison.Ordinal);
        Assert.Contains("999", page, StringComparison.Ordinal);

        var dashboard = await owner.GetStringAsync("/committees/Towns%20and%20Communities%20Scrutiny?period=2018-03");
        Assert.Contains("A surge in presentations.", dashboard, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_carries_its_reason_into_the_history(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        // Asked for only where there is a figure to correct.
        Assert.Contains("Why is it changing?", await admin.GetStringAsync("/measures/HO01/enter?period=2018-03"));
        Assert.DoesNotContain("Why is it changing?", await admin.GetStringAsync("/measures/HO01/enter?period=2018-04"));

        var tooLong = await OutturnFactory.PostFormAsync(
            admin,
            "/measures/HO01/enter?period=2018-03",
            new() { ["Value"] = "120", ["Reason"] = new string('x', Data.Entities.EntryChange.MaxReason + 1) }
        );
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("The reason must be 500 characters or fewer", await tooLong.Content.ReadAsStringAsync());

        var saved = await OutturnFactory.PostFormAsync(
            admin,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "120",
                ["Reason"] = "  Late returns from two districts added  ",
                ["Confirmed"] = "true",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetStringAsync("/measures/HO01");
        Assert.Matches(
            "<td class=\"govuk-table__cell\">March 2018</td>\\s*<td class=\"govuk-table__cell\">value</td>\\s*"
                + "<td class=\"govuk-table__cell\">[^<]+</td>\\s*<td class=\"govuk-table__cell\">120</td>\\s*"
                + "<td class=\"govuk-table__cell\">Late returns from two districts added</td>",
            page
        );
        await using var context = await database.OpenAsync();
        var change = context.EntryChanges.OrderByDescending(c => c.Id).First();
        Assert.Equal("Late returns from two districts added", change.Reason);
    }

    [Fact]
    public async Task Bad_input_is_shown_in_the_error_summary_and_nothing_is_saved()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        static string WithoutTokens(string html) =>
            System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]{40,}\"", "");
        var before = WithoutTokens(await admin.GetStringAsync("/measures/HO01"));

        var response = await OutturnFactory.PostFormAsync(
            admin,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "2x9",
                ["MissingReason"] = "not_collected",
                ["ValueNote"] = new string('n', 501),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#value\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#value-note\"", html, StringComparison.Ordinal);
        Assert.Equal(before, WithoutTokens(await admin.GetStringAsync("/measures/HO01")));

        var both = await OutturnFactory.PostFormAsync(
            admin,
            "/measures/HO01/enter?period=2018-03",
            new() { ["Value"] = "200", ["MissingReason"] = "not_collected" }
        );
        Assert.Contains(
            "either a figure or a reason",
            await both.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Owners_enter_only_their_own_measures_and_councillors_none()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        var owner = await factory.SignedInAsync("housing");
        var councillor = await factory.SignedInAsync("councillor");

        Assert.Contains(
            "access-denied",
            (await owner.GetAsync("/measures/CU01/enter?period=2017%2F18%20Q4")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "access-denied",
            (await councillor.GetAsync("/entry")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "access-denied",
            (await councillor.GetAsync("/measures/HO01/enter?period=2018-03")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await owner.GetAsync("/measures/HO01/enter?period=2017%2F18%20Q4")).StatusCode
        ); // HO01 is monthly
        Assert.Contains(
            "sign-in",
            (await factory.Browser().GetAsync("/entry")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Officers_set_targets_and_action_statuses_and_owners_do_not_set_targets(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync(
            "safety",
            Data.Entities.Roles.MeasureOwner,
            displayName: "Community safety lead officer"
        );
        var officer = await factory.SignedInAsync("officer");

        // A bad target is refused in the error summary; a good one changes the rating (HO01: 229 against 220, lower is
        // better).
        var bad = await OutturnFactory.PostFormAsync(
            officer,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "229",
                ["Target"] = "about 250",
                ["MissingReason"] = "",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("href=\"#target\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await OutturnFactory.PostFormAsync(
            officer,
            "/measures/HO01/enter?period=2018-03",
            new()
            {
                ["Value"] = "229",
                ["Target"] = "250",
                ["MissingReason"] = "",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var context = await database.OpenAsync())
        {
            var org = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                context.Organisations,
                o => o.Name == "Borsetshire County Council"
            );
            var evaluation = (
                await new Data.Storage.EvaluationService(context).EvaluateAsync(
                    org,
                    Domain.Periods.Period.Parse("2018-03")
                )
            ).Single(e => e.Item.Ref == "HO01");
            Assert.Equal(250m, evaluation.Evaluation.Target.GetValueOrDefault().Value);
            Assert.Equal(Domain.Rating.Rag.Green, evaluation.Evaluation.Rating.Final);
            Assert.Contains(
                context.EntryChanges,
                c => c.Field == "target" && c.OldValue == "220" && c.NewValue == "250" && c.ChangedBy == "officer"
            );
        }

        // The owner's form has no target, and a target posted anyway is not applied.
        var owner = await factory.SignedInAsync("housing");
        var form = await owner.GetStringAsync("/measures/HO01/enter?period=2018-03");
        Assert.DoesNotContain("id=\"target\"", form, StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await OutturnFactory.PostFormAsync(
                    owner,
                    "/measures/HO01/enter?period=2018-03",
                    new()
                    {
                        ["Value"] = "229",
                        ["Target"] = "1",
                        ["MissingReason"] = "",
                    }
                )
            ).StatusCode
        );
        await using (var context = await database.OpenAsync())
        {
            Assert.DoesNotContain(context.EntryChanges, c => c.Field == "target" && c.NewValue == "1");
        }

        // An action's owner reports its status; it is rated by the scheme (some slippage: amber).
        var safety = await factory.SignedInAsync("safety");
        Assert.Contains("ACT01", await safety.GetStringAsync("/entry?period=2018-03"), StringComparison.Ordinal);
        var action = await safety.GetStringAsync("/measures/ACT01/enter?period=2017%2F18%20Q4");
        Assert.Contains("id=\"status\"", action, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"value\"", action, StringComparison.Ordinal);
        var wrong = await OutturnFactory.PostFormAsync(
            safety,
            "/measures/ACT01/enter?period=2017%2F18%20Q4",
            new() { ["Status"] = "nearly_done" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var reported = await OutturnFactory.PostFormAsync(
            safety,
            "/measures/ACT01/enter?period=2017%2F18%20Q4",
            new() { ["Status"] = "some_slippage", ["Commentary"] = "Two of three town centres done." }
        );
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        await using (var context = await database.OpenAsync())
        {
            var org = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                context.Organisations,
                o => o.Name == "Borsetshire County Council"
            );
            var evaluation = (
                await new Data.Storage.EvaluationService(context).EvaluateAsync(
                    org,
                    Domain.Periods.Period.Parse("2017/18 Q4")
                )
            ).Single(e => e.Item.Ref == "ACT01");
            Assert.Equal(Domain.Rating.Rag.Amber, evaluation.Evaluation.Rating.Final);
            Assert.Equal("Two of three town centres done.", evaluation.Evaluation.Entry!.Commentary);
        }
    }

    [Fact]
    public async Task The_measure_page_links_to_the_next_period_to_enter_and_officers_to_the_definition()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);

        var owner = await (await factory.SignedInAsync("housing")).GetStringAsync("/measures/HO01");
        Assert.Contains(
            "href=\"/measures/HO01/enter?period=2018-04\">Enter figures for April 2018</a>",
            owner,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "href=\"/measures/HO01/enter?period=2018-03\">Change March 2018</a>",
            owner,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Change the definition", owner, StringComparison.Ordinal);
        Assert.Contains(
            "/admin/measures/edit/HO01",
            await (await factory.SignedInAsync("officer")).GetStringAsync("/measures/HO01"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Figures_due_counts_what_is_done_and_lists_every_earlier_period_still_outstanding()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await using (var context = await database.OpenAsync())
        {
            var item = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                context.Items,
                i => i.Ref == "HO01"
            );
            context.Entries.RemoveRange(
                context.Entries.Where(e => e.ItemId == item.Id && (e.Period == "2018-01" || e.Period == "2018-03"))
            );
            await context.SaveChangesAsync();
        }

        var owner = await factory.SignedInAsync("housing");
        var due = await owner.GetStringAsync("/entry?period=2018-03");

        Assert.Matches(@"\d+ of \d+ done for March 2018", due);
        var outstanding = due[due.IndexOf("Still outstanding from earlier periods", StringComparison.Ordinal)..];
        Assert.DoesNotContain("/measures/HO01/enter?period=2018-02", outstanding, StringComparison.Ordinal);
        Assert.Contains("/measures/HO01/enter?period=2018-01", outstanding, StringComparison.Ordinal);
        // This month's entered figures say Change; HO01's March, removed, says Enter.
        Assert.Contains(
            ">Enter<span class=\"govuk-visually-hidden\"> figures for HO01, March 2018",
            due,
            StringComparison.Ordinal
        );
        Assert.Contains(">Change<span class=\"govuk-visually-hidden\">", due, StringComparison.Ordinal);
    }
}
