using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;

namespace Outturn.Data.Tests;

/// <summary>The first import's fast path (<see cref="UntrackedInsert"/>, <see cref="FrameworkAudit.Added"/>) stores
/// what the change tracker would: the same rows, column by column, and the same audit events.</summary>
public class UntrackedInsertTests
{
    private static readonly DateTime At = new(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_framework_inserted_untracked_is_stored_as_the_change_tracker_stores_it(string provider)
    {
        await using var tracked = await TestDatabase.CreateAsync(provider);
        await using var untracked = await TestDatabase.CreateAsync(provider);

        await using (var db = await tracked.OpenAsync())
        {
            db.Actor = "officer";
            db.Clock = new StoppedClock(At);
            var org = new Organisation { Name = "Havering" };
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            var (priority, theme, committees, items) = Framework(org.Id);
            db.Priorities.Add(priority);
            db.Committees.AddRange(committees);
            db.Items.AddRange(items);
            await db.SaveChangesAsync();
        }

        await using (var db = await untracked.OpenAsync())
        {
            db.Actor = "officer";
            await using var transaction = await db.Database.BeginTransactionAsync();
            var org = new Organisation { Name = "Havering" };
            await UntrackedInsert.InsertAsync(db, [org], default);
            var (priority, theme, committees, items) = Framework(org.Id);
            await UntrackedInsert.InsertAsync(db, [priority], default);
            theme.PriorityId = priority.Id;
            await UntrackedInsert.InsertAsync(db, [theme], default);
            await UntrackedInsert.InsertAsync(db, committees, default);
            foreach (var item in items)
            {
                item.ThemeId = item.Theme?.Id;
            }

            await UntrackedInsert.InsertAsync(db, items, default);
            var links = items
                .SelectMany(i =>
                    i.Committees.Select(l => new ItemCommittee { ItemId = i.Id, CommitteeId = l.Committee!.Id })
                )
                .ToList();
            await UntrackedInsert.InsertAsync(db, links, default);
            // The change tracker's save cannot audit a new organisation (it has no id until saved); the import's
            // fast path does (the other test).
            var events = new List<object> { priority, theme }
                .Concat(committees)
                .Concat(items)
                .Select(e => FrameworkAudit.Added(db, e, At))
                .ToList();
            await UntrackedInsert.InsertAsync(db, events, default);
            await transaction.CommitAsync();
        }

        // Ids follow the order each path inserts in (EF sorts its commands), so rows are compared by what they hold,
        // with what they refer to named.
        string[] queries =
        [
            "SELECT * FROM organisations",
            "SELECT * FROM priorities",
            "SELECT * FROM themes",
            "SELECT * FROM committees",
            "SELECT * FROM items",
            "SELECT i.ref_key, c.name FROM item_committees ic JOIN items i ON i.id = ic.item_id "
                + "JOIN committees c ON c.id = ic.committee_id",
            "SELECT * FROM audit_events",
        ];
        foreach (var query in queries)
        {
            var expected = await DumpAsync(tracked, query);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await DumpAsync(untracked, query));
        }

        Assert.Contains(
            await DumpAsync(untracked, "SELECT detail FROM audit_events"),
            e => e == "detail=added: Foster carers; reported to Health, Cabinet"
        );
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_organisations_first_import_is_audited_and_stored_as_a_later_one_is(string provider)
    {
        // The new organisation's import takes the fast path for everything; the second organisation, created first
        // (by the change tracker) and then imported into, takes it only for items.
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var measures = files.Write("measures.csv", Samples.Measures);
        await using (var db = await test.OpenAsync())
        {
            db.Organisations.Add(new Organisation { Name = "Existing" });
            await db.SaveChangesAsync();
            await new Importer(db, TimeProvider.System).ImportAsync("Existing", [measures], "officer");
            await new Importer(db, TimeProvider.System).ImportAsync("Fresh", [measures], "officer");
        }

        await using var read = await test.OpenAsync();
        var orgs = await read.Organisations.ToDictionaryAsync(o => o.Name, o => o.Id);
        async Task<List<string>> Events(string org) =>
            [
                .. (
                    await read
                        .AuditEvents.Where(e => e.OrganisationId == orgs[org] && e.Kind == AuditKinds.FrameworkChanged)
                        .Select(e => e.Subject + " | " + e.Detail)
                        .ToListAsync()
                )
                    .Where(e => !e.StartsWith("scheme and settings", StringComparison.Ordinal))
                    .Order(),
            ];
        async Task<List<string>> Items(string org) =>
            [
                .. (
                    await read
                        .Items.Include(i => i.Theme!)
                            .ThenInclude(t => t.Priority)
                        .Include(i => i.Committees)
                            .ThenInclude(c => c.Committee)
                        .Where(i => i.OrganisationId == orgs[org])
                        .ToListAsync()
                ).Select(i =>
                    string.Join(
                        " | ",
                        i.Ref,
                        i.Title,
                        i.Kind,
                        i.Unit,
                        i.Polarity,
                        i.Frequency,
                        i.SortOrder,
                        i.Theme?.Name,
                        i.Theme?.Priority?.Name,
                        string.Join(", ", i.Committees.Select(c => c.Committee!.Name).Order())
                    )
                ),
            ];

        Assert.NotEmpty(await Items("Fresh"));
        Assert.Equal(await Items("Existing"), await Items("Fresh"));
        Assert.Equal(await Events("Existing"), await Events("Fresh"));
        Assert.Contains(
            await read.AuditEvents.Where(e => e.OrganisationId == orgs["Fresh"]).Select(e => e.Detail).ToListAsync(),
            d => d == "added: Fresh"
        );
    }

    private static (Priority, Theme, List<Committee>, List<Item>) Framework(int organisationId)
    {
        var priority = new Priority
        {
            OrganisationId = organisationId,
            Name = "People",
            SortOrder = 0,
        };
        var theme = new Theme
        {
            Name = "Children",
            Priority = priority,
            SortOrder = 0,
            Note = "Cumulative from April",
        };
        priority.Themes.Add(theme);
        var health = new Committee
        {
            OrganisationId = organisationId,
            Name = "Health",
            SortOrder = 0,
        };
        var cabinet = new Committee
        {
            OrganisationId = organisationId,
            Name = "Cabinet",
            SortOrder = 1,
        };
        var full = new Item
        {
            OrganisationId = organisationId,
            Ref = "pm02",
            RefKey = "PM02",
            Title = "Foster carers",
            Kind = ItemKind.Measure,
            Theme = theme,
            Unit = Unit.Rate,
            RatePer = 10000,
            UnitLabel = "per 10,000 children",
            TargetProfile = "seasonal",
            Decimals = 1,
            DirectionStyle = "judged",
            DirectionMethod = "spc",
            Polarity = Polarity.LowerIsBetter,
            Frequency = Frequency.Quarterly,
            Aggregation = Aggregation.CumulativeYearToDate,
            Owner = "Head of Fostering",
            Deadline = "15 working days",
            Description = "Approved households — «in-house» only",
            Tags = "children;statutory",
            AmberTolerance = "2%",
            BlueMargin = "5%",
            Footnote = "Provisional",
            BenchmarkMetric = "foster-carers",
            SortOrder = 0,
        };
        full.Committees.Add(new ItemCommittee { Item = full, Committee = health });
        full.Committees.Add(new ItemCommittee { Item = full, Committee = cabinet });
        var bare = new Item
        {
            OrganisationId = organisationId,
            Ref = "A1",
            RefKey = "A1",
            Title = "Open the library",
            Kind = ItemKind.Action,
            Unit = Unit.Count,
            SortOrder = 1,
        };
        return (priority, theme, [health, cabinet], [full, bare]);
    }

    /// <summary>Every row a query gives, as text (its id columns left out), in order.</summary>
    private static async Task<List<string>> DumpAsync(TestDatabase database, string query)
    {
        await using var db = await database.OpenAsync();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = Enumerable
                .Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) is not ("id" or "theme_id" or "priority_id"))
                .Select(i =>
                    reader.GetName(i)
                    + "="
                    + (
                        reader.IsDBNull(i)
                            ? "(null)"
                            : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)
                    )
                );
            rows.Add(string.Join(" | ", cells));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private sealed class StoppedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utc;
    }
}
