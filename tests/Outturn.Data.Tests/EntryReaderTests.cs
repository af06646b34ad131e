using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>On SQLite, stored entries are read straight from SQLite's statements rather than through ADO.NET's data
/// reader (<see cref="EntryReader"/>): both must give exactly the same entries.</summary>
public sealed class EntryReaderTests
{
    [Fact]
    public async Task Entries_read_straight_from_SQLite_are_those_the_data_reader_gives()
    {
        var demo = Path.Combine(Repository.Root, "demo");
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = await test.OpenAsync();
        await new Importer(db, TimeProvider.System).ImportAsync(
            "Borsetshire",
            [Path.Combine(demo, "measures.csv"), Path.Combine(demo, "values.csv")],
            "test"
        );
        // A decimal written with trailing zeros, a value whose text needs more than one byte a character, and a long
        // note.
        using var files = new TempFolder();
        var reference = await db
            .Items.Where(i => i.Kind == Domain.Framework.ItemKind.Measure)
            .Select(i => i.Ref)
            .FirstAsync();
        await new Importer(db, TimeProvider.System).ImportAsync(
            "Borsetshire",
            [
                files.Write(
                    "extra.csv",
                    $"ref,period,value,target,value_note,benchmark_national\n{reference},1999/00 "
                        + $"Q1,12.50,1000000.125,\"£1,050 – café “quoted” {new string('x', 400)}\",0.0001\n"
                ),
            ],
            "test"
        );
        var ids = await db.Items.Select(i => i.Id).ToListAsync();

        var straight = await EntryReader.ReadForUpdateAsync(db, ids, CancellationToken.None);
        var viaReader = await EntryReader.ReadForUpdateAsync(db, ids, CancellationToken.None, viaDataReader: true);

        Assert.True(straight.Values.Sum(e => e.Count) > 1000, "the demo council's entries were read");
        Assert.Equal(Json(viaReader), Json(straight));
        var extra = straight.Values.SelectMany(e => e.Values).Single(e => e.Period == "1999/00 Q1");
        Assert.Equal((12.50m, 1000000.125m, 0.0001m), (extra.ValueNumber, extra.TargetValue, extra.BenchmarkNational));
        Assert.StartsWith("£1,050 – café “quoted” xxx", extra.ValueNote, StringComparison.Ordinal);
    }

    /// <summary>Every property of every entry, decimals with their scale (12.5 and 12.50 are told apart).</summary>
    private static string Json(Dictionary<int, Dictionary<string, Entities.Entry>> entries) =>
        JsonSerializer.Serialize(
            entries.OrderBy(i => i.Key).Select(i => i.Value.OrderBy(e => e.Key, StringComparer.Ordinal).ToList())
        );
}
