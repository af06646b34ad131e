using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Periods;
using Outturn.Domain.Summaries;

namespace Outturn.Data.Tests;

public class RoundTripTests
{
    private const string Org = "Borsetshire County Council";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_then_import_into_an_empty_database_gives_identical_evaluations(string provider)
    {
        var demo = Path.Combine(Repository.Root, "demo");
        await using var first = await TestDatabase.CreateAsync(provider);
        await using var second = await TestDatabase.CreateAsync("sqlite");
        using var folder = new TempFolder();

        await using var a = await first.OpenAsync();
        await new Importer(a, TimeProvider.System).ImportAsync(
            Org,
            [Path.Combine(demo, "measures.csv"), Path.Combine(demo, "values.csv")],
            "test"
        );
        var org = await new EvaluationService(a).FindOrganisationAsync(Org);
        var (items, values) = await new Exporter(a).ExportAsync(org, folder.Path);
        Assert.Equal(93, items);

        await using var b = await second.OpenAsync();
        var result = await new Importer(b, TimeProvider.System).ImportAsync(
            Org,
            [folder.PathOf("measures.csv"), folder.PathOf("values.csv")],
            "test"
        );
        Assert.Equal(values, result.EntriesAdded);

        foreach (var period in new[] { "2017/18 Q1", "2017/18", "2018-03", "2016/17 Q3", "AY 2016/17 T2" })
        {
            var before = await Table(a, period);
            var after = await Table(b, period);
            Assert.Equal(before, after);
        }

        // And exporting the copy gives the same files.
        using var again = new TempFolder();
        await new Exporter(b).ExportAsync(await new EvaluationService(b).FindOrganisationAsync(Org), again.Path);
        Assert.Equal(
            await File.ReadAllTextAsync(folder.PathOf("values.csv")),
            await File.ReadAllTextAsync(again.PathOf("values.csv"))
        );
        Assert.Equal(
            await File.ReadAllTextAsync(folder.PathOf("measures.csv")),
            await File.ReadAllTextAsync(again.PathOf("measures.csv"))
        );
    }

    private static async Task<string> Table(OutturnDbContext db, string period)
    {
        var service = new EvaluationService(db);
        var org = await service.FindOrganisationAsync(Org);
        var evaluations = EvaluationTable.Evaluations(await service.EvaluateAsync(org, Period.Parse(period)));
        var summaries = EvaluationTable.Summaries(
            await service.SummariseAsync(org, Period.Parse(period), SummaryGrouping.Committee, years: 2)
        );
        return string.Join("\n", evaluations.Rows.Concat(summaries.Rows).Select(r => string.Join("|", r)));
    }
}
