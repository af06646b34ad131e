using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;

namespace Outturn.Data.Tests;

/// <summary>The demo council as a newcomer finds it: the monthly cycle under way, and a publication
/// corrected.</summary>
public sealed class DemoCycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_demo_shows_the_cycle_people_every_step_and_a_corrected_publication(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demo: true);
        await using (var db = await database.OpenAsync())
        {
            await DemoCouncil.PublishRecentAsync(
                db,
                input => Reports.Model.ReportJson.Write(Reports.ReportBuilder.Build(input)),
                TimeProvider.System
            );
            await DemoCouncil.StartCycleAsync(db);
        }

        await using var check = await database.OpenAsync();
        var org = await check.Organisations.SingleAsync(o => o.Name == DemoCouncil.Name);

        // February's dashboards showing HO01 were corrected a week after publication; the first versions are kept.
        var february = await check
            .Publications.Where(p => p.Period == "2018-02")
            .OrderBy(p => p.Committee)
            .ToListAsync();
        Assert.Equal(5, february.Count);
        Assert.Equal(
            ["Cabinet", "Towns and Communities Scrutiny"],
            february.Where(p => p.Version == 2).Select(p => p.Committee)
        );
        var corrected = february.Single(p => p.Committee == "Cabinet");
        Assert.Equal(new DateTime(2018, 3, 27, 9, 0, 0), corrected.CorrectedAt);
        Assert.StartsWith(
            "HO01's figure corrected from 242 to 240: ",
            corrected.CorrectionNote,
            StringComparison.Ordinal
        );
        Assert.Equal(240m, LatestFigure(corrected.Snapshot!, "HO01"));
        var first = await check.PublicationVersions.SingleAsync(v => v.PublicationId == corrected.Id);
        Assert.Equal((1, new DateTime(2018, 3, 20, 9, 0, 0)), (first.Version, first.PublishedAt));
        Assert.Equal(242m, LatestFigure(first.Snapshot!, "HO01"));
        var change = await check.EntryChanges.SingleAsync(c => c.Reason != null && c.Field == "value");
        Assert.Equal(("242", "240"), (change.OldValue, change.NewValue));

        // Every owner the measures name is a person with an email address and a manager.
        var service = new CollectionService(check, TimeProvider.System);
        var people = await service.PeopleAsync(org);
        var items = await check.Items.Where(i => i.OrganisationId == org.Id).ToListAsync();
        Assert.All(
            items,
            i => Assert.Contains("@borsetshire.example.gov.uk", CollectionService.OwnerOf(i, people)?.Email ?? i.Ref)
        );
        Assert.All(people.Where(p => p.UserName != "head-of-performance"), p => Assert.NotNull(p.ManagerId));
        Assert.Equal(
            "Housing lead officer <housing.lead@borsetshire.example.gov.uk>",
            people.Where(p => p.UserName == "housing-lead-officer").Select(p => $"{p.DisplayName} <{p.Email}>").Single()
        );

        // March's round part way through: approved, submitted, returned with its reason, and the rest overdue; the
        // finance measures have a later deadline of their own.
        var round = await service.DueAsync(org, DemoCouncil.RoundMonth);
        var states = round.GroupBy(r => r.Standing.State).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            [CollectionState.Submitted, CollectionState.Approved, CollectionState.Returned, CollectionState.Overdue],
            states.Keys.Order()
        );
        Assert.Equal((3, 1), (states[CollectionState.Submitted], states[CollectionState.Returned]));
        Assert.True(states[CollectionState.Approved] >= 10, $"{states[CollectionState.Approved]} approved");
        var returned = round.Single(r => r.Standing.State == CollectionState.Returned);
        Assert.Equal(
            (DemoCouncil.Returned.Ref, DemoCouncil.Returned.Reason),
            (returned.Item.Ref, returned.Latest!.Reason)
        );
        Assert.Equal(new DateOnly(2018, 4, 16), round.First(r => r.Item.Ref == "HO01").Standing.Deadline);
        Assert.Contains(
            round,
            r =>
                r.Item.Ref.StartsWith("FI", StringComparison.Ordinal)
                && r.Standing.Deadline == new DateOnly(2018, 4, 23)
        );
    }

    /// <summary>The figure a dashboard kept as published prints for a measure in its latest period's column.</summary>
    private static decimal? LatestFigure(string snapshot, string reference)
    {
        using var document = System.Text.Json.JsonDocument.Parse(snapshot);
        foreach (var table in Tables(document.RootElement))
        {
            var headers = table
                .GetProperty("Columns")
                .EnumerateArray()
                .Select(c => c.GetProperty("Header").GetString());
            var latest = headers
                .ToList()
                .FindIndex(h => h?.StartsWith("Latest period", StringComparison.Ordinal) == true);
            foreach (var row in table.GetProperty("Rows").EnumerateArray())
            {
                var cells = row.GetProperty("Cells");
                if (
                    latest >= 0
                    && cells[0].GetProperty("Text").GetString()!.EndsWith($"({reference})", StringComparison.Ordinal)
                )
                {
                    return cells[latest].GetProperty("Number").GetDecimal();
                }
            }
        }

        return null;
    }

    private static IEnumerable<System.Text.Json.JsonElement> Tables(System.Text.Json.JsonElement element)
    {
        if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            return element.EnumerateArray().SelectMany(Tables);
        }

        if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return [];
        }

        var own =
            element.TryGetProperty("Columns", out _) && element.TryGetProperty("Rows", out _) ? new[] { element } : [];
        return own.Concat(element.EnumerateObject().SelectMany(p => Tables(p.Value)));
    }
}
