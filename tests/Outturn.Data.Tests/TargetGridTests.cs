using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Data.Tests;

/// <summary>A year's targets in one grid, read and saved all or nothing, on both databases.</summary>
public sealed class TargetGridTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_years_targets_start_from_last_years_and_save_all_or_nothing(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = await test.OpenAsync();
        var org = await db.Organisations.SingleAsync(o => o.Name == DemoCouncil.Name);
        var grid = new TargetGridService(db, TimeProvider.System);

        var rows = await grid.ReadAsync(org, "Cabinet", 2018);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Item.Committees, c => c.Committee!.Name == "Cabinet"));
        var monthly = rows.First(r => r.Item.Ref == "HO01");
        Assert.Equal(13, monthly.Cells.Count);
        Assert.Equal("2018/19", monthly.Cells[0].Period.ToString());
        // The demo's figures end in March 2018: every 2018/19 target of HO01 is last year's, carried forward.
        var april = monthly.Cells[1];
        Assert.Equal((Period.Month(2018, 4), true), (april.Period, april.IsCarriedForward));
        var stored2017 = await db
            .Entries.AsNoTracking()
            .SingleAsync(e => e.ItemId == monthly.Item.Id && e.Period == "2017-04");
        Assert.NotNull(april.Starting);
        Assert.Equal(EntryFields.DescribeTarget(stored2017), april.Starting);

        // One bad target: nothing is saved, and the error names its place in the grid.
        var inputs = monthly
            .Cells.Select(c => new TargetInput(monthly.Item.Ref, c.Period.ToString(), c.Starting))
            .ToList();
        inputs[1] = inputs[1] with { Target = "210" };
        inputs[2] = inputs[2] with { Target = "two hundred" };
        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            grid.SaveAsync(org, inputs, "officer", reason: null)
        );
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((TargetGridService.Source, 4, "target"), (error.File, error.Row, error.Column));
        Assert.False(await db.Entries.AnyAsync(e => e.ItemId == monthly.Item.Id && e.Period == "2018-04"));

        // Mended: every target is saved, last year's kept as the starting point and April's as typed.
        inputs[2] = inputs[2] with
        {
            Target = "200",
        };
        var saved = await grid.SaveAsync(org, inputs, "officer", reason: null);
        Assert.Equal(inputs.Count(i => !string.IsNullOrEmpty(i.Target)), saved.EntriesAdded);
        var again = (await grid.ReadAsync(org, "Cabinet", 2018)).First(r => r.Item.Ref == "HO01");
        Assert.Equal(["210", "200"], again.Cells.Skip(1).Take(2).Select(c => c.Stored));
        Assert.DoesNotContain(again.Cells, c => c.IsCarriedForward);

        // Emptying a box removes that target, and the change is in the measure's history.
        inputs[1] = inputs[1] with
        {
            Target = "",
        };
        await grid.SaveAsync(org, inputs, "officer", reason: null);
        var cleared = (await grid.ReadAsync(org, "Cabinet", 2018)).First(r => r.Item.Ref == "HO01");
        Assert.Null(cleared.Cells[1].Stored);
        var change = await db
            .EntryChanges.Where(c => c.Source != null && c.Source.StartsWith(TargetGridService.Source))
            .OrderByDescending(c => c.Id)
            .FirstAsync();
        Assert.Equal(("target", "210", null), (change.Field, change.OldValue, change.NewValue));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_owners_proposals_wait_for_an_officer_who_accepts_or_changes_them(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = await test.OpenAsync();
        var org = await db.Organisations.SingleAsync(o => o.Name == DemoCouncil.Name);
        var grid = new TargetGridService(db, TimeProvider.System);
        var rows = (await grid.ReadAsync(org, null, 2018)).Where(r => r.Item.Ref is "HO01").ToList();
        TargetInput At(int cell, string? target) => new("HO01", rows[0].Cells[cell].Period.ToString(), target);

        // Only what differs from the grid is proposed; a target that is not one, or another's measure, is refused.
        var refused = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            grid.ProposeAsync(org, rows, [At(1, "lots"), new TargetInput("CS01", "2018-04", "5")], "housing")
        );
        Assert.Equal(["target", "ref"], refused.Errors.Select(e => e.Column));
        Assert.Equal(
            2,
            await grid.ProposeAsync(
                org,
                rows,
                [At(1, "190"), At(2, "195"), At(3, rows[0].Cells[3].Starting)],
                "housing"
            )
        );
        var pending = await grid.PendingAsync(org);
        Assert.Equal(["190", "195"], pending.Values.Select(p => p.Target).Order());
        // Proposing again replaces the earlier proposal.
        Assert.Equal(1, await grid.ProposeAsync(org, rows, [At(1, "185")], "housing"));
        Assert.Equal(["185", "195"], (await grid.PendingAsync(org)).Values.Select(p => p.Target).Order());

        // The officer saves April as proposed and May otherwise.
        await grid.SaveAsync(org, [At(1, "185"), At(2, "200")], "officer", reason: null);
        Assert.Empty(await grid.PendingAsync(org));
        Assert.Equal(
            ["accepted", "changed", "replaced"],
            await db.TargetProposals.Select(p => p.Outcome!).OrderBy(o => o).ToListAsync()
        );
    }
}
