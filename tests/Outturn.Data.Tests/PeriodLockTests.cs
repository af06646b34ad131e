using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain;
using Outturn.Domain.Periods;

namespace Outturn.Data.Tests;

/// <summary>Locked months through every door that changes figures: the command, file imports and the entry service,
/// on both databases.</summary>
public sealed class PeriodLockTests
{
    private const string Org = "Borsetshire County Council";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_locked_months_figures_change_only_with_a_reason(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var database = test.Target.ConnectionString;
        using var files = new TempFolder();

        Assert.Contains("No month of", (await Cli.RunAsync(database, "locks")).Out, StringComparison.Ordinal);
        var locked = await Cli.RunAsync(database, "locks", "add", "--period", "2018-02");
        Assert.Equal(0, locked.ExitCode);
        Assert.StartsWith("Locked: February 2018 was locked on ", locked.Out, StringComparison.Ordinal);
        Assert.StartsWith("2018-02\tFebruary 2018\tlocked on ", (await Cli.RunAsync(database, "locks")).Out);
        var again = await Cli.RunAsync(database, "locks", "add", "--period", "2018-02");
        Assert.Equal((1, true), (again.ExitCode, again.Error.Contains("February 2018 was locked on")));
        var future = await Cli.RunAsync(database, "locks", "add", "--period", "2099-01");
        Assert.Equal(1, future.ExitCode);
        Assert.Contains("January 2099 has not ended yet", future.Error, StringComparison.Ordinal);

        // A file changing a locked month's figure, and an open month's: refused whole, the locked row named.
        var values = files.Write("values.csv", "ref,period,value\nHO01,2018-01,199\nHO01,2018-02,241\n");
        var refused = await Cli.RunAsync(database, "import", "--org", Org, values);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(
            "values.csv, row 3, column 'period': '2018-02': February 2018 was locked on ",
            refused.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("a correction needs a reason", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("row 2", refused.Error, StringComparison.Ordinal);
        await using (var db = await test.OpenAsync())
        {
            Assert.Equal(242m, (await FigureAsync(db, "2018-02")).ValueNumber);
            Assert.NotEqual(199m, (await FigureAsync(db, "2018-01")).ValueNumber);
        }

        // A file that changes nothing in the locked month is accepted as it is.
        var same = files.Write("same.csv", "ref,period,value\nHO01,2018-02,242\n");
        Assert.Equal(0, (await Cli.RunAsync(database, "import", "--org", Org, same)).ExitCode);

        // With a reason, the correction is made and the reason kept with it; the open month's change has none.
        var corrected = await Cli.RunAsync(
            database,
            "import",
            "--org",
            Org,
            "--reason",
            "Two households were counted twice",
            values
        );
        Assert.Equal(0, corrected.ExitCode);
        await using (var db = await test.OpenAsync())
        {
            var february = await FigureAsync(db, "2018-02");
            Assert.Equal(241m, february.ValueNumber);
            var changes = await db.EntryChanges.Where(c => c.EntryId == february.Id).ToListAsync();
            Assert.Equal(("value", "Two households were counted twice"), (changes.Single().Field, changes[0].Reason));
            var january = await FigureAsync(db, "2018-01");
            Assert.Null((await db.EntryChanges.SingleAsync(c => c.EntryId == january.Id)).Reason);
        }

        // Unlocking needs a reason; both steps are in the audit trail.
        var unlocked = await Cli.RunAsync(
            database,
            "locks",
            "remove",
            "--period",
            "2018-02",
            "--reason",
            "Reopened for the audit"
        );
        Assert.Equal(0, unlocked.ExitCode);
        Assert.Contains("No month of", (await Cli.RunAsync(database, "locks")).Out, StringComparison.Ordinal);
        await using (var db = await test.OpenAsync())
        {
            var events = await db
                .AuditEvents.Where(e => e.Kind == AuditKinds.Locked || e.Kind == AuditKinds.Unlocked)
                .OrderBy(e => e.Id)
                .Select(e => new
                {
                    e.Kind,
                    e.Subject,
                    e.Detail,
                })
                .ToListAsync();
            Assert.Equal(
                [(AuditKinds.Locked, "2018-02"), (AuditKinds.Unlocked, "2018-02")],
                events.Select(e => (e.Kind, e.Subject))
            );
            Assert.Equal("Reopened for the audit", events[1].Detail);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_entry_form_needs_an_officer_and_a_reason_for_a_locked_month(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = await test.OpenAsync();
        var org = await db.Organisations.SingleAsync(o => o.Name == Org);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(
            new DateTimeOffset(2018, 4, 20, 9, 0, 0, TimeSpan.Zero)
        );
        var locks = new PeriodLockService(db, clock);
        await locks.LockAsync(org, Period.Month(2018, 2), "performance");
        Assert.Equal(
            "February 2018 was locked on 20 April 2018 by performance",
            (await locks.ListAsync(org))[0].Describe()
        );
        await Assert.ThrowsAsync<OutturnException>(() =>
            locks.UnlockAsync(org, Period.Month(2018, 2), "performance", " ")
        );

        var item = await db.Items.SingleAsync(i => i.OrganisationId == org.Id && i.Ref == "HO01");
        var entries = new EntryService(db, clock);
        Entry Figure(string text)
        {
            var entry = new Entry { Period = "2018-02", UpdatedBy = "" };
            Assert.True(OutturnText.TrySet(text, item.Unit, entry));
            return entry;
        }

        async Task<long> VersionAsync() =>
            (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == org.Id)).DataVersion;
        var version = await VersionAsync();
        var owner = await Assert.ThrowsAsync<OutturnException>(() =>
            entries.SaveAsync(item, Period.Month(2018, 2), Figure("240"), EntryField.Value, "owner", "web", "why")
        );
        Assert.Equal(
            "February 2018 was locked on 20 April 2018 by performance: ask a performance officer to correct it.",
            owner.Message
        );
        var noReason = await Assert.ThrowsAsync<OutturnException>(() =>
            entries.SaveAsync(
                item,
                Period.Month(2018, 2),
                Figure("240"),
                EntryField.Value,
                "performance",
                "web",
                officer: true
            )
        );
        Assert.Contains("a correction needs a reason", noReason.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(242m, (await FigureAsync(db, "2018-02")).ValueNumber);
        // A refused change changes nothing, not even the data version: the version goes up with the change itself.
        Assert.Equal(version, await VersionAsync());

        // The same figure again is no change, and an open month is as it was.
        Assert.Equal(
            0,
            await entries.SaveAsync(item, Period.Month(2018, 2), Figure("242"), EntryField.Value, "owner", "web")
        );
        Assert.Equal(
            1,
            await entries.SaveAsync(item, Period.Month(2018, 1), Figure("230"), EntryField.Value, "owner", "web")
        );
        Assert.Equal(
            1,
            await entries.SaveAsync(
                item,
                Period.Month(2018, 2),
                Figure("240"),
                EntryField.Value,
                "performance",
                "web",
                "Two households were counted twice",
                officer: true
            )
        );
        db.ChangeTracker.Clear();
        Assert.Equal(240m, (await FigureAsync(db, "2018-02")).ValueNumber);
        Assert.True(await VersionAsync() > version);
    }

    private static async Task<Entry> FigureAsync(OutturnDbContext db, string period)
    {
        var item = await db.Items.SingleAsync(i => i.Ref == "HO01");
        return await db.Entries.AsNoTracking().SingleAsync(e => e.ItemId == item.Id && e.Period == period);
    }
}
