using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Data.Tests;

/// <summary>How direction of travel is worked out — two-point or by statistical process control — is the
/// organisation's setting with each measure's own beside it: stored, imported, exported and evaluated.</summary>
public class DirectionMethodTests
{
    private const string Org = "Havering";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_method_is_set_for_the_organisation_and_per_measure_and_followed_by_evaluation(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using var db = await test.OpenAsync();
        // Twenty months of figures varying as usual, the last lower than the one before.
        var values = string.Join(
            "\n",
            new[] { 94, 98, 116, 101, 101, 117, 105, 87, 93, 96, 112, 104, 104, 101, 94, 118, 105, 80, 107, 95 }.Select(
                (v, i) => $"M1,{Period.Month(2016, 4).Shift(i)},{v}\nM2,{Period.Month(2016, 4).Shift(i)},{v}"
            )
        );
        await new Importer(db, TimeProvider.System).ImportAsync(
            Org,
            [
                files.Write(
                    "measures.csv",
                    "ref,title,polarity,frequency,direction_method\nM1,Follows,higher,monthly,\n"
                        + "M2,Two-point always,higher,monthly,two_point\n"
                ),
                files.Write("values.csv", "ref,period,value\n" + values + "\n"),
            ],
            "officer"
        );

        async Task<Dictionary<string, (Direction? Direction, DirectionMethod Method)>> DirectionsAsync()
        {
            await using var context = await test.OpenAsync();
            var org = await context.Organisations.SingleAsync();
            return (await new EvaluationService(context).EvaluateAsync(org, Period.Month(2017, 11))).ToDictionary(
                e => e.Item.Ref,
                e => (e.Evaluation.DirectionShort, e.Evaluation.DirectionMethod)
            );
        }

        // The organisation's default is two-point: 107 to 95 is worse.
        Assert.Equal((Direction.Deteriorating, DirectionMethod.TwoPoint), (await DirectionsAsync())["M1"]);

        var org = await new SchemeService(db).SetAsync(Org, null, null, null, null, directionMethod: "spc");
        Assert.Equal("spc", org.DirectionMethod);
        var directions = await DirectionsAsync();
        Assert.Equal((Direction.NoSignificantChange, DirectionMethod.Spc), directions["M1"]);
        Assert.Equal((Direction.Deteriorating, DirectionMethod.TwoPoint), directions["M2"]);

        var bad = await Assert.ThrowsAsync<OutturnException>(() =>
            new SchemeService(db).SetAsync(Org, null, null, null, null, directionMethod: "wobbly")
        );
        Assert.Equal("--direction-method 'wobbly': expected two_point or spc.", bad.Message);

        // The measures table carries each measure's own, and a bad one is refused naming the row.
        var export = Path.Combine(files.Path, "export");
        await using (var context = await test.OpenAsync())
        {
            await new Exporter(context).ExportAsync(await context.Organisations.SingleAsync(), export);
        }

        var exported = await File.ReadAllLinesAsync(Path.Combine(export, "measures.csv"));
        var column = exported[0].TrimStart('\uFEFF').Split(',').ToList().IndexOf("direction_method");
        Assert.True(column >= 0);
        Assert.Equal(["", "two_point"], exported.Skip(1).Select(l => l.Split(',')[column]).Order().ToArray());

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            new Importer(db, TimeProvider.System).ImportAsync(
                Org,
                [files.Write("more.csv", "ref,title,direction_method\nM3,Three,by_eye\n")],
                "officer"
            )
        );
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((2, "direction_method", "by_eye"), (error.Row, error.Column, error.Value));
        Assert.Contains("two_point or spc", error.Expected, StringComparison.Ordinal);
    }
}
