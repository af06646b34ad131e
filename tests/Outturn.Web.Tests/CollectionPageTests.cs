using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Outturn.Web.Tests;

/// <summary>The collection round in the web app and the API: an owner submits, an officer approves or returns with a
/// reason, and each sees where every figure stands by its deadline.</summary>
public sealed class CollectionPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_owner_submits_an_officer_returns_then_approves(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demo: true);
        // 10 April 2018: March's figures are due by Monday 16 April (Easter Monday is not a working day).
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 10, 9, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database) { Clock = clock };
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var owner = await factory.SignedInAsync("housing");
        var officer = await factory.SignedInAsync("officer");

        var due = await owner.GetStringAsync("/entry?period=2018-03");
        Assert.Contains("16 Apr 2018", due, StringComparison.Ordinal);
        Assert.Contains(">Entered</strong>", due, StringComparison.Ordinal);

        var submitted = await OutturnFactory.PostFormAsync(
            owner,
            "/entry?period=2018-03",
            "/entry?handler=Submit",
            new()
            {
                ["reference"] = "HO01",
                ["period"] = "2018-03",
                ["month"] = "2018-03",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/entry?period=2018-03&submitted=HO01", submitted.Headers.Location!.ToString());
        Assert.Contains(
            "HO01 is submitted for approval",
            await owner.GetStringAsync(submitted.Headers.Location!.ToString()),
            StringComparison.Ordinal
        );

        // Another owner's measure cannot be submitted by this one.
        var others = await OutturnFactory.PostFormAsync(
            owner,
            "/entry?period=2018-03",
            "/entry?handler=Submit",
            new()
            {
                ["reference"] = "CU02",
                ["period"] = "2018-03",
                ["month"] = "2018-03",
            }
        );
        Assert.True(
            others.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound
        );
        Assert.DoesNotContain("submitted=CU02", others.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        var round = await officer.GetStringAsync("/collection?period=2018-03&state=submitted");
        Assert.Contains("Submitted (1)", round, StringComparison.Ordinal);
        Assert.Contains("Households in temporary accommodation (HO01)", round, StringComparison.Ordinal);

        var form = await officer.GetStringAsync("/collection/return?reference=HO01&period=2018-03&month=2018-03");
        Assert.Contains(
            "Return Households in temporary accommodation (HO01) for March 2018",
            form,
            StringComparison.Ordinal
        );
        var blank = await OutturnFactory.PostFormAsync(
            officer,
            "/collection/return?reference=HO01&period=2018-03&month=2018-03",
            "/collection/return?reference=HO01&period=2018-03&month=2018-03",
            new() { ["reason"] = " " }
        );
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Enter the reason", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var returned = await OutturnFactory.PostFormAsync(
            officer,
            "/collection/return?reference=HO01&period=2018-03&month=2018-03",
            "/collection/return?reference=HO01&period=2018-03&month=2018-03",
            new() { ["reason"] = "The B&B count does not match the total" }
        );
        Assert.Equal("/collection?period=2018-03&done=returned", returned.Headers.Location!.ToString());
        Assert.Contains(
            "Returned: The B&amp;B count does not match the total",
            await owner.GetStringAsync("/entry?period=2018-03"),
            StringComparison.Ordinal
        );

        clock.Advance(TimeSpan.FromHours(1));
        await OutturnFactory.PostFormAsync(
            owner,
            "/entry?period=2018-03",
            "/entry?handler=Submit",
            new()
            {
                ["reference"] = "HO01",
                ["period"] = "2018-03",
                ["month"] = "2018-03",
            }
        );
        var approved = await OutturnFactory.PostFormAsync(
            officer,
            "/collection?period=2018-03",
            "/collection?handler=Approve",
            new()
            {
                ["reference"] = "HO01",
                ["period"] = "2018-03",
                ["month"] = "2018-03",
            }
        );
        Assert.Equal("/collection?period=2018-03&done=approved", approved.Headers.Location!.ToString());
        Assert.Contains(
            "Approved (1)",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );

        // Approving again is refused, saying why, on the page.
        var again = await OutturnFactory.PostFormAsync(
            officer,
            "/collection?period=2018-03",
            "/collection?handler=Approve",
            new()
            {
                ["reference"] = "HO01",
                ["period"] = "2018-03",
                ["month"] = "2018-03",
            }
        );
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(
            "only a submitted figure can be approved, and it is approved",
            await again.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        // A week later, what nobody submitted is overdue; the CSV download says so in the columns of outturn due.
        clock.SetUtcNow(new DateTimeOffset(2018, 4, 20, 9, 0, 0, TimeSpan.Zero));
        var csv = await officer.GetStringAsync("/collection?handler=Download&period=2018-03");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ref,kind,period,owner,owner_email,due_date,state,days_overdue,reason", lines[0]);
        Assert.Contains(
            lines,
            l =>
                l.StartsWith(
                    "HO01,measure,2018-03,Housing lead officer,,2018-04-16,approved,0,",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains(lines, l => l.Contains(",2018-04-16,overdue,4,", StringComparison.Ordinal));

        // The API gives the same to the officer, and refuses a councillor.
        var json = JsonDocument.Parse(
            await officer.GetStringAsync(
                "/api/v1/organisations/borsetshire-county-council/collection?period=2018-03&state=approved"
            )
        );
        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("HO01", only.GetProperty("ref").GetString());
        Assert.Equal("2018-04-16", only.GetProperty("due_date").GetString());
        Assert.Equal(0, only.GetProperty("days_overdue").GetInt32());
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        var councillor = await factory.SignedInAsync("councillor");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await councillor.GetAsync("/api/v1/organisations/borsetshire-county-council/collection?period=2018-03")
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await officer.GetAsync("/api/v1/organisations/borsetshire-county-council/collection?period=March")
            ).StatusCode
        );
    }
}

/// <summary>The web app's scheduler sends reminders through a real SMTP server when email is configured.</summary>
public sealed class ReminderSchedulerTests
{
    [Fact]
    public async Task With_email_configured_owners_are_reminded_and_the_page_says_so()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync("sqlite", demo: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 13, 7, 0, 0, TimeSpan.Zero));
        using var factory = new OutturnFactory(database)
        {
            Clock = clock,
            Settings = new Dictionary<string, string>
            {
                ["Outturn:Email:Host"] = "127.0.0.1",
                ["Outturn:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Outturn:Email:Security"] = "none",
                ["Outturn:Email:From"] = "performance@borsetshire.example.gov.uk",
                ["Outturn:PublicBaseAddress"] = "https://performance.borsetshire.example.gov.uk",
            },
        };
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
            var housing = db.Users.Single(u => u.UserName == "housing");
            housing.Email = "housing@borsetshire.example.gov.uk";
            await db.SaveChangesAsync();
        }

        var officer = await factory.SignedInAsync("officer");
        Assert.Contains(
            "Owners are reminded by email 3 days before a",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );

        // The scheduler looks again an hour later: the housing lead's March figures are due on Monday 16 April.
        clock.Advance(TimeSpan.FromMinutes(61));
        MimeKit.MimeMessage? message = null;
        for (var i = 0; i < 100 && message is null; i++)
        {
            message = smtp.Messages()
                .FirstOrDefault(m =>
                    m.To.Mailboxes.Any(a => a.Address.StartsWith("housing@", StringComparison.Ordinal))
                );
            await Task.Delay(100);
        }

        Assert.NotNull(message);
        Assert.StartsWith("Borsetshire County Council: ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Due soon:", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "https://performance.borsetshire.example.gov.uk/measures/HO01/enter?period=2018-03",
            message.TextBody,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Without_email_the_page_says_reminders_are_off()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        Assert.Contains(
            "Reminders by email are off: no email server is configured",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );
    }
}

/// <summary>An administrator gives people email addresses, managers and deputies, for reminders and
/// escalation.</summary>
public sealed class PeopleDetailsTests
{
    [Fact]
    public async Task An_administrator_sets_email_manager_and_deputy_and_a_bad_address_is_refused()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("boss", Data.Entities.Roles.PerformanceOfficer, displayName: "Head of Housing");
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        string housing,
            boss;
        using (var scope = factory.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
            housing = context.Users.Single(u => u.UserName == "housing").Id;
            boss = context.Users.Single(u => u.UserName == "boss").Id;
        }

        async Task<HttpResponseMessage> Post(Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = OutturnFactory.Token(await admin.GetStringAsync("/admin/users"));
            return await admin.PostAsync("/admin/users?handler=Details", new FormUrlEncodedContent(fields));
        }

        var bad = await Post(
            new()
            {
                ["id"] = housing,
                ["email"] = "housing at borsetshire",
                ["manager"] = boss,
            }
        );
        Assert.Contains(
            "Enter an email address in the correct format",
            await bad.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var self = await Post(
            new()
            {
                ["id"] = housing,
                ["email"] = "",
                ["manager"] = housing,
            }
        );
        Assert.Contains("Choose another person", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await Post(
            new()
            {
                ["id"] = housing,
                ["email"] = "housing@borsetshire.example.gov.uk",
                ["manager"] = boss,
                ["deputy"] = "",
            }
        );
        Assert.Contains(
            "email address, manager and deputy are saved",
            await saved.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        using (var scope = factory.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<Data.Storage.OutturnDbContext>();
            var person = context.Users.Single(u => u.Id == housing);
            Assert.Equal(
                ("housing@borsetshire.example.gov.uk", boss, null),
                (person.Email, person.ManagerId, person.DeputyId)
            );
        }

        // The collection round now gives the owner's address.
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        Assert.Contains(
            "housing@borsetshire.example.gov.uk",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );
    }
}

/// <summary>Publishing starts with the checks and needs a confirmation.</summary>
public sealed class PublishCheckTests
{
    [Fact]
    public async Task The_checks_list_what_is_missing_or_flagged_and_an_unconfirmed_publish_is_sent_back()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");

        var dashboard = await officer.GetStringAsync("/committees/Cabinet?period=2018-03");
        const string Exceptions = "/reports/exceptions?committee=Cabinet&amp;period=2018-03&amp;format=pdf";
        Assert.Contains(Exceptions, dashboard, StringComparison.Ordinal);
        var csv = await officer.GetAsync("/reports/exceptions?committee=Cabinet&period=2018-03&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Corrective action", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            "cabinet-exceptions-2018-03.csv",
            csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName
        );
        var visitor = await factory
            .Browser()
            .GetAsync("/reports/exceptions?committee=Cabinet&period=2018-03&format=csv");
        Assert.NotEqual(HttpStatusCode.OK, visitor.StatusCode); // it names owners: never for visitors
        Assert.Contains("href=\"/committees/Cabinet/publish?period=2018-03\"", dashboard, StringComparison.Ordinal);
        var checks = await officer.GetStringAsync("/committees/Cabinet/publish?period=2018-03");
        Assert.Contains("Publish Cabinet, March 2018", checks, StringComparison.Ordinal);
        foreach (var kind in Enum.GetValues<Domain.Cycle.AttentionKind>())
        {
            Assert.Contains(Domain.Cycle.Attention.Words(kind), checks, StringComparison.Ordinal);
        }

        // Nothing in the demo is approved: every figure entered for March is "not yet approved".
        Assert.Matches(@"Not yet approved \(\d+\)", checks);

        var unconfirmed = await officer.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2018-03",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(checks),
                }
            )
        );
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        var back = unconfirmed.Headers.Location!.ToString();
        Assert.Equal("/committees/Cabinet/publish?period=2018-03&unconfirmed=true", back);
        Assert.Contains(
            "Confirm that the figures are ready to be published",
            await officer.GetStringAsync(back),
            StringComparison.Ordinal
        );
        Assert.Contains(
            ">Draft<",
            await officer.GetStringAsync("/committees/Cabinet?period=2018-03"),
            StringComparison.Ordinal
        );
    }
}

/// <summary>The home page after sign-in: each role's attention list.</summary>
public sealed class HomeAttentionTests
{
    [Fact]
    public async Task An_owner_sees_their_figures_an_officer_what_needs_attention_a_councillor_neither()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);

        var owner = await (await factory.SignedInAsync("housing")).GetStringAsync("/");
        Assert.Contains("Your figures for March 2018", owner, StringComparison.Ordinal);
        Assert.Matches(@"<li>Overdue: \d+</li>", owner); // years past the deadline, and nothing submitted
        Assert.DoesNotContain("Needs attention", owner, StringComparison.Ordinal);

        var officer = await (await factory.SignedInAsync("officer")).GetStringAsync("/");
        Assert.Contains("Needs attention, March 2018", officer, StringComparison.Ordinal);
        Assert.Contains("Red or amber without corrective action", officer, StringComparison.Ordinal);
        // Each check with items links to its list of them, each with why.
        Assert.Contains("href=\"#attention-nocorrectiveaction\"", officer, StringComparison.Ordinal);
        Assert.Matches("id=\"attention-nocorrectiveaction\"[\\s\\S]*?href=\"/measures/[^\"]+\"", officer);
        // Most of the demo's owners are nobody who can sign in here.
        Assert.Contains("is not the name of anyone who can sign in", officer, StringComparison.Ordinal);
        Assert.Contains("href=\"/collection?period=2018-03\"", officer, StringComparison.Ordinal);
        Assert.DoesNotContain("Your figures for", officer, StringComparison.Ordinal); // they own no measure

        var councillor = await (await factory.SignedInAsync("councillor")).GetStringAsync("/");
        Assert.DoesNotContain("Needs attention", councillor, StringComparison.Ordinal);
        Assert.DoesNotContain("Your figures for", councillor, StringComparison.Ordinal);
    }
}

/// <summary>A published period is corrected with a note the public sees, its earlier version kept readable, and
/// can be withdrawn with a reason the public is told.</summary>
public sealed class CorrectionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_correct_read_the_first_version_then_withdraw(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        const string Checks = "/committees/Cabinet/publish?period=2018-03";
        async Task<HttpResponseMessage> Post(string action, Dictionary<string, string> fields)
        {
            fields["period"] = "2018-03";
            fields["__RequestVerificationToken"] = OutturnFactory.Token(await officer.GetStringAsync(Checks));
            return await officer.PostAsync(action, new FormUrlEncodedContent(fields));
        }

        await Post("/committees/Cabinet?handler=Publish", new() { ["confirmed"] = "true" });
        var visitor = factory.Browser();
        var first = await visitor.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("As published on", first, StringComparison.Ordinal);
        Assert.DoesNotContain("corrected on", first, StringComparison.Ordinal);

        var blank = await Post("/committees/Cabinet/publish?handler=Correct", new() { ["note"] = "" });
        Assert.Contains(
            "Enter what was corrected and why",
            await blank.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var corrected = await Post(
            "/committees/Cabinet/publish?handler=Correct",
            new() { ["note"] = "HO01's March figure was keyed wrongly" }
        );
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var now = await visitor.GetStringAsync("/committees/Cabinet?period=2018-03");
        Assert.Contains("because HO01&#x27;s March figure was keyed wrongly", now, StringComparison.Ordinal);
        Assert.Contains("version 1 (", now, StringComparison.Ordinal);
        var v1 = await visitor.GetStringAsync("/committees/Cabinet?period=2018-03&version=1");
        Assert.Contains("Version 1, published on", v1, StringComparison.Ordinal);
        Assert.Contains("this is not the current version", v1, StringComparison.Ordinal);

        var noReason = await Post("/committees/Cabinet/publish?handler=Withdraw", new() { ["reason"] = " " });
        Assert.Contains(
            "Enter why it is withdrawn",
            await noReason.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        await Post("/committees/Cabinet/publish?handler=Withdraw", new() { ["reason"] = "Figures under review" });
        var gone = await visitor.GetAsync("/committees/Cabinet?period=2018-03");
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        var notice = await gone.Content.ReadAsStringAsync();
        Assert.Contains("withdrawn on", notice, StringComparison.Ordinal);
        Assert.Contains("Figures under review", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("HO01", notice, StringComparison.Ordinal); // no figures
        Assert.NotEqual(
            HttpStatusCode.OK,
            (await visitor.GetAsync("/reports/dashboard?committee=Cabinet&period=2018-03&format=csv")).StatusCode
        );
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync("/measures/HO01")).StatusCode);

        // Published again: a new version, public once more.
        var again = await Post("/committees/Cabinet?handler=Publish", new() { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains(
            "published again after it was withdrawn",
            await visitor.GetStringAsync("/committees/Cabinet?period=2018-03"),
            StringComparison.Ordinal
        );
    }
}

/// <summary>The audit trail records who did what to whom, from where, and an administrator reads and exports
/// it.</summary>
public sealed class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sign_ins_publications_steps_and_people_are_kept_and_exported(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        var failed = await OutturnFactory.SignInAsync(factory.Browser(), "officer", "not the password at all");
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var officer = await factory.SignedInAsync("officer");
        var page = await officer.GetStringAsync("/committees/Cabinet/publish?period=2018-03");
        await officer.PostAsync(
            "/committees/Cabinet?handler=Publish",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["period"] = "2018-03",
                    ["confirmed"] = "true",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(page),
                }
            )
        );

        // An officer cannot read it; an administrator can, filtered and as CSV.
        var refused = await officer.GetAsync("/admin/audit");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var all = await admin.GetStringAsync("/admin/audit");
        const string Cell = "<td class=\"govuk-table__cell\">";
        Assert.Contains(Cell + "sign-in-failed<", all, StringComparison.Ordinal);
        Assert.Contains(">wrong password or locked<", all, StringComparison.Ordinal);
        Assert.Contains(">Cabinet 2018-03<", all, StringComparison.Ordinal);
        var published = await admin.GetStringAsync("/admin/audit?kind=published");
        Assert.DoesNotContain(Cell + "sign-in<", published, StringComparison.Ordinal);
        Assert.Contains(Cell + "officer<", published, StringComparison.Ordinal);

        var csv = await admin.GetStringAsync("/admin/audit?handler=Download&kind=sign-in");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,kind,actor,subject,detail,address", lines[0]);
        Assert.Contains(lines, l => l.Contains(",sign-in,officer,officer,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(",sign-in,", l, StringComparison.Ordinal));
    }
}

/// <summary>An officer sets the deadline rule, the region and the organisation's own days off; the round
/// follows.</summary>
public sealed class DeadlineSettingsTests
{
    [Fact]
    public async Task The_rule_region_and_own_days_move_the_deadlines_and_bad_input_is_named()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var officer = await factory.SignedInAsync("officer");
        async Task<string> Post(string handler, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = OutturnFactory.Token(
                await officer.GetStringAsync("/admin/deadlines")
            );
            var response = await officer.PostAsync("/admin/deadlines" + handler, new FormUrlEncodedContent(fields));
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains(
            "Enter a deadline as",
            await Post("", new() { ["Rule"] = "soon", ["Region"] = "scotland" }),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Figures are due 5 working days after each period ends, skipping the bank holidays of Scotland.",
            await Post("", new() { ["Rule"] = "5 Working Days", ["Region"] = "scotland" }),
            StringComparison.Ordinal
        );
        // 5 working days after 31 March 2018 in Scotland (Easter Monday works): Friday 6 April; a closure day that
        // Friday moves it to Monday 9 April.
        Assert.Contains(
            "6 Apr 2018",
            await officer.GetStringAsync("/collection?period=2018-03"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Enter the date as",
            await Post("?handler=Holiday", new() { ["date"] = "6/4/2018", ["name"] = "x" }),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "6 April 2018 is not a working day.",
            await Post("?handler=Holiday", new() { ["date"] = "2018-04-06", ["name"] = "Council closure" }),
            StringComparison.Ordinal
        );
        var round = await officer.GetStringAsync("/collection?period=2018-03");
        Assert.Contains("9 Apr 2018", round, StringComparison.Ordinal);
        Assert.DoesNotContain("6 Apr 2018", round, StringComparison.Ordinal);
        Assert.Contains(
            "already a holiday",
            await Post("?handler=Holiday", new() { ["date"] = "2018-04-06", ["name"] = "Again" }),
            StringComparison.Ordinal
        );
    }
}
