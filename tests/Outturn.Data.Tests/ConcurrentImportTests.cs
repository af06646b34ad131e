using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Data.Tests;

/// <summary>Two imports into one organisation at once (two people uploading, the API and the command): the second
/// waits for the first, so each lands whole, nothing is lost and nothing is interleaved.</summary>
public class ConcurrentImportTests
{
    private const string Org = "Havering";
    private const int Months = 600;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_imports_at_once_land_one_after_the_other_each_whole(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using (var setup = await test.OpenAsync())
        {
            await new Importer(setup, TimeProvider.System).ImportAsync(
                Org,
                [files.Write("measures.csv", "ref,title\nA1,Only the first file's\nB1,Only the second file's\n")],
                "setup"
            );
        }

        // Each file creates the same new measure with its own title and writes its own figure into every one of its
        // months, and fills a measure of its own: interleaved, the shared measure's months would mix the two.
        string[] Files(string name, string own, int figure)
        {
            var text = new StringBuilder("ref,period,value\n");
            for (var i = 0; i < Months; i++)
            {
                var month = Period.Month(1970, 1).Shift(i);
                text.Append(CultureInfo.InvariantCulture, $"NEW,{month},{figure}\n");
                text.Append(CultureInfo.InvariantCulture, $"{own},{month},{figure + i}\n");
            }

            return
            [
                files.Write(name + "-measures.csv", $"ref,title\nNEW,Shared from {name}\n"),
                files.Write(name + "-values.csv", text.ToString()),
            ];
        }

        var first = Files("first", "A1", 1);
        var second = Files("second", "B1", 2);
        async Task<ImportResult> ImportAsync(string[] both)
        {
            await using var db = await test.OpenAsync();
            return await new Importer(db, TimeProvider.System).ImportAsync(Org, both, "officer");
        }

        var results = await Task.WhenAll(Task.Run(() => ImportAsync(first)), Task.Run(() => ImportAsync(second)));
        Assert.All(results, r => Assert.True(r.Applied));

        await using var check = await test.OpenAsync();
        var items = await check.Items.ToListAsync();
        var shared = Assert.Single(items, i => i.Ref == "NEW");
        var figures = await check.Entries.Where(e => e.ItemId == shared.Id).Select(e => e.ValueNumber).ToListAsync();
        Assert.Equal(Months, figures.Count);
        // Every month holds the figure of whichever import came last, and the title is that import's too.
        var last = Assert.Single(figures.Distinct());
        Assert.Equal(last == 1 ? "Shared from first" : "Shared from second", shared.Title);
        foreach (var (own, offset) in new[] { ("A1", 1), ("B1", 2) })
        {
            var id = items.Single(i => i.Ref == own).Id;
            var values = await check.Entries.Where(e => e.ItemId == id).Select(e => e.ValueNumber).ToListAsync();
            Assert.Equal(Months, values.Count);
            Assert.Equal(Enumerable.Range(0, Months).Select(i => (decimal?)(offset + i)).Order(), values.Order());
        }
    }
}
