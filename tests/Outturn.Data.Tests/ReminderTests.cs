using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Data.Tests;

/// <summary>Reminders by email through a real SMTP server: one digest per person, each reminder once, escalation to
/// the manager and the performance officers, returned figures told with their reason.</summary>
public sealed class ReminderTests
{
    private const string Measures = """
        ref,title,kind,priority,committees,unit,polarity,frequency,owner,deadline
        M1,Monthly one,measure,Safe,People,count,higher,monthly,Olive Owner,
        M2,Monthly two,measure,Safe,People,count,higher,monthly,olive@example.gov.uk,5 working days
        Q1,Quarterly,measure,Safe,People,count,higher,quarterly,Someone Unknown,
        """;

    private const string Values = """
        ref,period,value
        M1,2018-03,10
        Q1,2017/18 Q4,7
        """;

    /// <summary>Olive owns M1 and M2; Mandy is her manager, Dan her deputy, Pat a performance officer.</summary>
    internal static async Task<(Organisation Org, FakeTimeProvider Clock)> SeedAsync(OutturnDbContext db)
    {
        using var files = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 13, 8, 0, 0, TimeSpan.Zero));
        await new Importer(db, clock).ImportAsync(
            "Havering",
            [files.Write("measures.csv", Measures), files.Write("values.csv", Values)],
            "officer"
        );
        var org = await db.Organisations.SingleAsync();
        OutturnUser Person(string user, string name) =>
            new()
            {
                UserName = user,
                NormalizedUserName = user.ToUpperInvariant(),
                DisplayName = name,
                Email = $"{user}@example.gov.uk",
                OrganisationId = org.Id,
            };
        var mandy = Person("mandy", "Mandy Manager");
        var dan = Person("dan", "Dan Deputy");
        var olive = Person("olive", "Olive Owner");
        var pat = Person("pat", "Pat Officer");
        db.Users.AddRange(mandy, dan, pat);
        await db.SaveChangesAsync();
        olive.ManagerId = mandy.Id;
        olive.DeputyId = dan.Id;
        db.Users.Add(olive);
        var role = new IdentityRole(Roles.PerformanceOfficer)
        {
            NormalizedName = Roles.PerformanceOfficer.ToUpperInvariant(),
        };
        db.Roles.Add(role);
        await db.SaveChangesAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = pat.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return (org, clock);
    }

    private static readonly Period March = Period.Month(2018, 3);

    private static EmailSettings Email(SmtpServer smtp) =>
        new()
        {
            Host = "127.0.0.1",
            Port = smtp.Port,
            Security = "none",
            From = "performance@havering.example.gov.uk",
        };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_digest_per_person_each_reminder_once_then_escalation(string provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        var reminders = new ReminderService(
            db,
            clock,
            Email(smtp),
            new ReminderSettings(),
            "https://outturn.example.gov.uk/"
        );

        // Friday 13 April 2018: M1 is due on Monday 16th (due soon), M2 was due on the 9th (overdue by 4 days).
        var sent = await reminders.SendAsync(org, March);
        var row = Assert.Single(sent);
        Assert.Equal("olive@example.gov.uk", row.Person.Email);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal("olive@example.gov.uk", message.To.Mailboxes.Single().Address);
        Assert.Equal("dan@example.gov.uk", message.Cc.Mailboxes.Single().Address); // her deputy is copied
        Assert.Equal("performance@havering.example.gov.uk", message.From.Mailboxes.Single().Address);
        Assert.Equal("Havering: 1 figure overdue, 1 figure due soon", message.Subject);
        var body = message.TextBody;
        Assert.Contains("Dear Olive Owner,", body, StringComparison.Ordinal);
        Assert.Contains(
            "Overdue:\n- Monthly two (M2), March 2018: due 9 April 2018, 4 days late",
            body,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "https://outturn.example.gov.uk/measures/M2/enter?period=2018-03",
            body,
            StringComparison.Ordinal
        );
        Assert.Contains("Due soon:\n- Monthly one (M1), March 2018: due 16 April 2018", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Q1", body, StringComparison.Ordinal); // another owner's, and no person to send to

        // The same run again (another instance, or a retry) sends nothing: each reminder goes once.
        Assert.Empty(await reminders.SendAsync(org, March));
        Assert.Single(smtp.Messages());

        // Monday 16 April: M2 is 7 days overdue, so her manager and the performance officer are told; she is not
        // told again about what she was already told.
        clock.SetUtcNow(new DateTimeOffset(2018, 4, 16, 8, 0, 0, TimeSpan.Zero));
        var escalated = await reminders.SendAsync(org, March);
        Assert.Equal(["mandy@example.gov.uk", "pat@example.gov.uk"], escalated.Select(r => r.Person.Email).Order());
        var toManager = smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == "mandy@example.gov.uk");
        Assert.Equal("Havering: 1 overdue figure of others", toManager.Subject);
        Assert.Contains(
            "- Monthly two (M2), March 2018: owed by Olive Owner, 7 days late",
            toManager.TextBody,
            StringComparison.Ordinal
        );

        // A returned figure is told once, with the reason on the collection page it links to.
        var collection = new CollectionService(db, clock);
        await collection.StepAsync(org, "M1", Period.Month(2018, 3), CollectionStep.Submitted, "olive", null);
        await collection.StepAsync(org, "M1", Period.Month(2018, 3), CollectionStep.Returned, "pat", "Check it");
        var returned = Assert.Single(await reminders.SendAsync(org, March));
        Assert.Single(returned.Digest.Of(ReminderKind.Returned));
        Assert.Contains(
            smtp.Messages(),
            m =>
                m.Subject == "Havering: 1 figure returned to you"
                && m.To.Mailboxes.Single().Address == "olive@example.gov.uk"
        );
        Assert.Equal(4, smtp.Messages().Count);
        Assert.Equal(5, await db.RemindersSent.CountAsync());

        // Without a period, the rounds of the last two months that have ended: on 14 May, April's (due on the 15th)
        // and March's (all told already), not February's (never entered, but an older round).
        clock.SetUtcNow(new DateTimeOffset(2018, 5, 14, 8, 0, 0, TimeSpan.Zero));
        var periods = (await reminders.PlanAsync(org, null))
            .SelectMany(r => r.Digest.Lines)
            .Select(l => l.Figure.Period);
        Assert.Equal(
            ["2018-03", "2018-04"],
            periods.Select(p => p.ToString()).Distinct().Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public async Task Without_an_email_server_nothing_is_sent_and_it_says_so()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        var reminders = new ReminderService(db, clock, new EmailSettings(), new ReminderSettings(), null);
        Assert.NotEmpty(await reminders.PlanAsync(org, null)); // a dry run still lists them
        var ex = await Assert.ThrowsAsync<OutturnException>(() => reminders.SendAsync(org, null));
        Assert.Contains("No email server is configured", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.RemindersSent.CountAsync());
    }

    [Fact]
    public async Task A_server_that_refuses_gives_the_claim_back_for_the_next_run()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var settings = new EmailSettings
        {
            Host = "127.0.0.1",
            Port = port,
            Security = "none",
            From = "p@example.gov.uk",
        };
        var reminders = new ReminderService(db, clock, settings, new ReminderSettings(), null);
        var ex = await Assert.ThrowsAsync<OutturnException>(() => reminders.SendAsync(org, March));
        Assert.Contains("Could not send the reminder to olive@example.gov.uk", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.RemindersSent.CountAsync());
    }

    [Fact]
    public async Task The_command_lists_with_dry_run_then_sends_once()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using (var db = await test.OpenAsync())
        {
            await SeedAsync(db);
        }

        // Years after these deadlines (the system's clock): both of Olive's figures are long overdue and escalated.
        var database = test.Target.ConnectionString;
        var dry = await Cli.RunAsync(database, "reminders", "--period", "2018-03", "--dry-run", "--format", "csv");
        Assert.True(dry.ExitCode == 0, dry.Error);
        var lines = dry.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("person,email,due_soon,overdue,returned,escalated_to,escalations_received", lines[0]);
        Assert.Contains("Olive Owner,olive@example.gov.uk,0,2,0,mandy@example.gov.uk;pat@example.gov.uk,0", lines);
        Assert.True(lines.Contains("Mandy Manager,mandy@example.gov.uk,0,0,0,,2"), dry.Out);
        Assert.Empty(smtp.Messages());

        var noServer = await Cli.RunAsync(database, "reminders", "--smtp", "");
        Assert.Equal(1, noServer.ExitCode);
        Assert.Contains("No email server is configured", noServer.Error, StringComparison.Ordinal);

        string[] send =
        [
            "reminders",
            "--period",
            "2018-03",
            "--smtp",
            smtp.Address,
            "--smtp-security",
            "none",
            "--from",
            "p@example.gov.uk",
            "--format",
            "csv",
        ];
        var first = await Cli.RunAsync(database, send);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(3, smtp.Messages().Count);
        var again = await Cli.RunAsync(database, send);
        Assert.Equal(0, again.ExitCode);
        Assert.Single(again.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
        Assert.Equal(3, smtp.Messages().Count);

        var badFrom = await Cli.RunAsync(database, "reminders", "--smtp", smtp.Address, "--from", "nobody");
        Assert.Equal(1, badFrom.ExitCode);
        Assert.Contains(
            "--from 'nobody': expected the sender's email address",
            badFrom.Error,
            StringComparison.Ordinal
        );
    }
}
