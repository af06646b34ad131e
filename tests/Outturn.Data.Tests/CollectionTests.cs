using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Data.Tests;

/// <summary>Collection rounds: the shipped bank holidays, deadlines by rule, states from what is stored, and the
/// steps people take, on both databases.</summary>
public sealed class CollectionTests
{
    // https://www.gov.uk/bank-holidays, as published for each year.
    [Theory]
    [InlineData(
        "england-and-wales",
        2018,
        "2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26"
    )]
    [InlineData(
        "england-and-wales",
        2020,
        "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28"
    )]
    [InlineData(
        "england-and-wales",
        2022,
        "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27"
    )]
    [InlineData(
        "england-and-wales",
        2023,
        "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26"
    )]
    [InlineData(
        "scotland",
        2018,
        "2018-01-01 2018-01-02 2018-03-30 2018-05-07 2018-05-28 2018-08-06 2018-11-30 2018-12-25 2018-12-26"
    )]
    [InlineData(
        "scotland",
        2021,
        "2021-01-01 2021-01-04 2021-04-02 2021-05-03 2021-05-31 2021-08-02 2021-11-30 2021-12-27 2021-12-28"
    )]
    [InlineData(
        "northern-ireland",
        2018,
        "2018-01-01 2018-03-19 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-07-12 2018-08-27 2018-12-25 2018-12-26"
    )]
    public void The_shipped_bank_holidays_are_gov_uks(string region, int year, string dates)
    {
        Assert.True(HolidayRegions.TryParse(region, out var r));
        Assert.Equal(
            dates.Split(' '),
            BankHolidays.Of(r).Where(h => h.Date.Year == year).Select(h => h.Date.ToString("yyyy-MM-dd")).ToArray()
        );
        Assert.True(BankHolidays.Years.First <= 2015 && BankHolidays.Years.Last >= 2030);
    }

    private const string Measures = """
        ref,title,kind,priority,committees,unit,polarity,frequency,owner,deadline
        M1,Monthly one,measure,Safe,People,count,higher,monthly,Olive Owner,
        M2,Monthly two,measure,Safe,People,count,higher,monthly,olive@example.gov.uk,5 working days
        Q1,Quarterly,measure,Safe,People,count,higher,quarterly,Someone Unknown,
        A1,An action,action,Safe,People,,,monthly,,
        """;

    private const string Values = """
        ref,period,value,status
        M1,2018-03,10,
        M2,2018-03,,
        Q1,2017/18 Q4,7,
        A1,2018-03,,on_track
        """;

    private static async Task<(Organisation Org, FakeTimeProvider Clock)> SeedAsync(OutturnDbContext db)
    {
        using var files = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 4, 10, 9, 0, 0, TimeSpan.Zero));
        await new Importer(db, clock).ImportAsync(
            "Havering",
            [files.Write("measures.csv", Measures), files.Write("values.csv", Values)],
            "officer"
        );
        db.Users.Add(
            new OutturnUser
            {
                UserName = "olive",
                DisplayName = "Olive Owner",
                Email = "olive@example.gov.uk",
            }
        );
        var org = await db.Organisations.SingleAsync();
        db.Users.Local.Single().OrganisationId = org.Id;
        await db.SaveChangesAsync();
        return (org, clock);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lists_every_figure_due_with_its_owner_deadline_and_state(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        var service = new CollectionService(db, clock);

        var rows = await service.DueAsync(org, Period.Month(2018, 3));
        Assert.Equal(["M1 2018-03", "M2 2018-03", "Q1 2017/18 Q4", "A1 2018-03"], rows.Select(Key));
        var m1 = rows[0];
        Assert.Equal(CollectionState.Entered, m1.Standing.State);
        Assert.Equal(new DateOnly(2018, 4, 16), m1.Standing.Deadline); // 10 working days, Easter skipped
        Assert.Equal(("Olive Owner", "olive@example.gov.uk"), (m1.Owner, m1.OwnerEmail));
        var m2 = rows[1];
        Assert.Equal(new DateOnly(2018, 4, 9), m2.Standing.Deadline); // its own rule: 5 working days
        Assert.Equal((CollectionState.Overdue, 1), (m2.Standing.State, m2.Standing.DaysOverdue));
        Assert.Equal("olive@example.gov.uk", m2.OwnerEmail); // matched by email address
        Assert.Equal(("Someone Unknown", null), (rows[2].Owner, rows[2].OwnerEmail)); // text kept, no person
        Assert.Equal(CollectionState.Entered, rows[3].Standing.State); // an action's status is its figure

        // A week later the deadline has passed: entered but not submitted is overdue, counted in calendar days.
        clock.SetUtcNow(new DateTimeOffset(2018, 4, 20, 9, 0, 0, TimeSpan.Zero));
        rows = await service.DueAsync(org, Period.Month(2018, 3));
        Assert.Equal((CollectionState.Overdue, 4), (rows[0].Standing.State, rows[0].Standing.DaysOverdue));
        Assert.Equal((CollectionState.Overdue, 11), (rows[1].Standing.State, rows[1].Standing.DaysOverdue));

        // For a quarter, every month of it for a monthly measure.
        var quarter = await service.DueAsync(org, Period.FinancialQuarter(2017, 4));
        Assert.Equal(
            ["M1 2018-01", "M1 2018-02", "M1 2018-03", "M2 2018-01", "M2 2018-02", "M2 2018-03", "Q1 2017/18 Q4"],
            quarter.Where(r => r.Item.Ref != "A1").Select(Key)
        );

        var table = CollectionTable.Of(rows);
        Assert.Equal(
            ["ref", "kind", "period", "owner", "owner_email", "due_date", "state", "days_overdue", "reason"],
            table.Columns
        );
        Assert.Equal(
            "M1|measure|2018-03|Olive Owner|olive@example.gov.uk|2018-04-16|overdue|4",
            string.Join('|', table.Rows[0][..8])
        );
    }

    private static string Key(CollectionRow r) => $"{r.Item.Ref} {r.Period}";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Steps_move_a_figure_through_the_cycle_and_are_kept(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        var service = new CollectionService(db, clock);
        var march = Period.Month(2018, 3);

        // Nothing entered: cannot be submitted; not submitted: cannot be approved or returned.
        var refused = await Assert.ThrowsAsync<OutturnException>(() =>
            service.StepAsync(org, "M2", march, CollectionStep.Submitted, "olive", null)
        );
        Assert.Equal("M2 2018-03: cannot be submitted: nothing is entered for it yet.", refused.Message);
        refused = await Assert.ThrowsAsync<OutturnException>(() =>
            service.StepAsync(org, "M1", march, CollectionStep.Approved, "officer", null)
        );
        Assert.Contains(
            "only a submitted figure can be approved, and it is entered",
            refused.Message,
            StringComparison.Ordinal
        );
        refused = await Assert.ThrowsAsync<OutturnException>(() =>
            service.StepAsync(org, "Q1", march, CollectionStep.Submitted, "olive", null)
        );
        Assert.Contains("periods such as 2017/18 Q4, not 2018-03", refused.Message, StringComparison.Ordinal);

        Assert.Equal(
            CollectionState.Submitted,
            (await service.StepAsync(org, "m1", march, CollectionStep.Submitted, "olive", null)).Standing.State
        );
        refused = await Assert.ThrowsAsync<OutturnException>(() =>
            service.StepAsync(org, "M1", march, CollectionStep.Returned, "officer", "  ")
        );
        Assert.Contains("a reason is needed", refused.Message, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromMinutes(5));
        var returned = await service.StepAsync(org, "M1", march, CollectionStep.Returned, "officer", "Check the total");
        Assert.Equal(CollectionState.Returned, returned.Standing.State);
        Assert.Equal("Check the total", CollectionTable.Of([returned]).Rows[0][^1]);

        clock.Advance(TimeSpan.FromMinutes(5));
        await service.StepAsync(org, "M1", march, CollectionStep.Submitted, "olive", null);
        clock.Advance(TimeSpan.FromMinutes(5));
        var approved = await service.StepAsync(org, "M1", march, CollectionStep.Approved, "officer", null);
        Assert.Equal(CollectionState.Approved, approved.Standing.State);

        // A figure changed after its approval is no longer approved: entered again, to be submitted again.
        clock.Advance(TimeSpan.FromMinutes(5));
        var m1 = await db.Items.SingleAsync(i => i.Ref == "M1");
        var entry = await db.Entries.SingleAsync(e => e.ItemId == m1.Id && e.Period == "2018-03");
        entry.ValueNumber = 11;
        entry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        Assert.Equal(CollectionState.Entered, (await service.DueAsync(org, march))[0].Standing.State);

        var history = await service.HistoryAsync(m1, march);
        Assert.Equal(
            [
                (CollectionStep.Submitted, "olive"),
                (CollectionStep.Returned, "officer"),
                (CollectionStep.Submitted, "olive"),
                (CollectionStep.Approved, "officer"),
            ],
            history.Select(h => (h.Step, h.By))
        );
        Assert.Equal("Check the total", history[1].Reason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_organisations_own_holidays_and_region_move_deadlines(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = await test.OpenAsync();
        var (org, clock) = await SeedAsync(db);
        var service = new CollectionService(db, clock);
        db.Holidays.Add(
            new Holiday
            {
                OrganisationId = org.Id,
                Date = new DateOnly(2018, 4, 16),
                Name = "Closure",
            }
        );
        await db.SaveChangesAsync();
        Assert.Equal(
            new DateOnly(2018, 4, 17),
            (await service.DueAsync(org, Period.Month(2018, 3)))[0].Standing.Deadline
        );

        // In Scotland Easter Monday is a working day, so the closure day comes after the deadline.
        var tracked = await db.Organisations.SingleAsync();
        tracked.HolidayRegion = "scotland";
        await db.SaveChangesAsync();
        Assert.Equal(
            new DateOnly(2018, 4, 13),
            (await service.DueAsync(tracked, Period.Month(2018, 3)))[0].Standing.Deadline
        );
    }

    [Fact]
    public async Task A_bad_deadline_in_the_measures_table_is_a_named_error()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = await test.OpenAsync();
        using var files = new TempFolder();
        var file = files.Write(
            "measures.csv",
            "ref,title,kind,priority,unit,polarity,frequency,deadline\nM1,One,measure,Safe,count,higher,monthly,soon\n"
        );
        var ex = await Assert.ThrowsAsync<Interchange.ImportRejectedException>(() =>
            new Importer(db, TimeProvider.System).ImportAsync("Havering", [file], "officer")
        );
        var error = Assert.Single(ex.Errors);
        Assert.Equal((2, "deadline", "soon"), (error.Row, error.Column, error.Value));
        Assert.Contains("'10 working days'", error.Expected, StringComparison.Ordinal);
    }
}

/// <summary><c>outturn due</c> on the demo council: long past its deadlines, so what is not submitted is
/// overdue.</summary>
public sealed class DueCommandTests
{
    [Fact]
    public async Task Lists_a_months_round_in_the_columns_asked_for()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", demo: true);
        var csv = await Cli.RunAsync(test.Target.ConnectionString, "due", "--period", "2018-03", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("ref,kind,period,owner,owner_email,due_date,state,days_overdue,reason", lines[0]);
        // HO01 (monthly) and HO02 (quarterly, 2017/18 Q4 ends in March) are both due, by 16 April 2018.
        Assert.Contains(
            lines,
            l =>
                l.StartsWith("HO01,measure,2018-03,Housing lead officer,,2018-04-16,overdue,", StringComparison.Ordinal)
        );
        Assert.Contains(
            lines,
            l =>
                l.StartsWith(
                    "HO02,measure,2017/18 Q4,Housing lead officer,,2018-04-16,overdue,",
                    StringComparison.Ordinal
                )
        );

        var json = await Cli.RunAsync(
            test.Target.ConnectionString,
            "due",
            "--period",
            "2018-03",
            "--format",
            "json",
            "--state",
            "due"
        );
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("[]", json.Out.Trim()); // nothing is merely due years after the deadline

        using var files = new TempFolder();
        var exceptions = await Cli.RunAsync(
            test.Target.ConnectionString,
            "report",
            "-o",
            files.PathOf("exceptions.csv"),
            "--layout",
            "exceptions",
            "--period",
            "2018-03",
            "--committee",
            "Cabinet",
            "--format",
            "csv"
        );
        Assert.True(exceptions.ExitCode == 0, exceptions.Error);
        var printed = await File.ReadAllTextAsync(files.PathOf("exceptions.csv"));
        Assert.Contains("Corrective action", printed, StringComparison.Ordinal);
        Assert.Contains("Housing lead officer", printed, StringComparison.Ordinal); // HO01 is red for March 2018

        var bad = await Cli.RunAsync(test.Target.ConnectionString, "due", "--period", "March");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("outturn: --period: ", bad.Error, StringComparison.Ordinal);
    }
}

/// <summary><c>outturn users reset-password</c> for an administrator who has lost theirs.</summary>
public sealed class ResetPasswordTests
{
    [Fact]
    public async Task Gives_a_made_up_password_once_and_ends_other_sessions()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        string stamp;
        await using (var db = await test.OpenAsync())
        {
            var admin = new OutturnUser
            {
                UserName = "admin",
                NormalizedUserName = "ADMIN",
                SecurityStamp = "before",
                AccessFailedCount = 4,
                LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10),
            };
            db.Users.Add(admin);
            await db.SaveChangesAsync();
            stamp = admin.SecurityStamp;
        }

        var reset = await Cli.RunAsync(test.Target.ConnectionString, "users", "reset-password", "--user", "Admin");
        Assert.True(reset.ExitCode == 0, reset.Error);
        var match = System.Text.RegularExpressions.Regex.Match(
            reset.Out,
            @"^admin's new password \(shown once\): (\S+)$",
            System.Text.RegularExpressions.RegexOptions.Multiline
        );
        Assert.True(match.Success, reset.Out);
        var password = match.Groups[1].Value;
        Assert.True(password.Length >= 12);
        await using (var db = await test.OpenAsync())
        {
            var admin = await db.Users.SingleAsync();
            Assert.Equal(
                Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success,
                new Microsoft.AspNetCore.Identity.PasswordHasher<OutturnUser>().VerifyHashedPassword(
                    admin,
                    admin.PasswordHash!,
                    password
                )
            );
            Assert.NotEqual(stamp, admin.SecurityStamp);
            Assert.Equal((0, null), (admin.AccessFailedCount, admin.LockoutEnd));
        }

        var nobody = await Cli.RunAsync(test.Target.ConnectionString, "users", "reset-password", "--user", "ghost");
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("There is no person with the user name 'ghost'", nobody.Error, StringComparison.Ordinal);
    }
}
