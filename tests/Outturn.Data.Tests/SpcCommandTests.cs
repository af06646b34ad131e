using System.Globalization;

namespace Outturn.Data.Tests;

/// <summary><c>outturn spc</c> over stored figures gives the published XmR chart (issue 16's test series).</summary>
public class SpcCommandTests
{
    private static readonly string[] Published =
    [
        "-0.56047565",
        "-0.23017749",
        "1.55870831",
        "0.07050839",
        "0.12928774",
        "1.71506499",
        "0.46091621",
        "-1.26506123",
        "-0.68685285",
        "-0.44566197",
        "1.22408180",
        "0.35981383",
        "0.40077145",
        "0.11068272",
        "10",
        "1.78691314",
        "0.49785048",
        "-1.96661716",
        "0.70135590",
        "-0.47279141",
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_measures_chart_has_its_published_limits_and_its_outlier_named(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();
        // Monthly figures from April 2016, the 15th (June 2017) an outlier; the target sits above the limits.
        var values = string.Join(
            "\n",
            Published.Select(
                (v, i) => $"S1,{new DateOnly(2016, 4, 1).AddMonths(i).ToString("yyyy-MM", Invariant)},{v},8"
            )
        );
        var imported = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write("measures.csv", "ref,title,frequency,polarity\nS1,Sessions delivered,monthly,higher\n"),
            files.Write("values.csv", "ref,period,value,target\n" + values + "\n")
        );
        Assert.True(imported.ExitCode == 0, imported.Error);

        var plain = await Cli.RunAsync(db, "spc", "--ref", "S1", "--format", "csv");
        Assert.True(plain.ExitCode == 0, plain.Error);
        var rows = Cli.ParseCsv(plain.Out);
        Assert.Equal(20, rows.Count);
        Assert.Equal(
            ["period", "value", "mean", "lower_limit", "upper_limit", "point_type", "rule", "baseline"],
            rows[0].Keys
        );
        Assert.All(rows, r => Assert.Equal(("-4.596625", "5.935457"), (r["lower_limit"], r["upper_limit"])));
        Assert.Equal(
            ("2017-06", "special_cause_improvement", "outside_limits"),
            (rows[14]["period"], rows[14]["point_type"], rows[14]["rule"])
        );
        Assert.All(
            rows.Where((_, i) => i != 14),
            r => Assert.Equal(("common_cause", ""), (r["point_type"], r["rule"]))
        );

        var screened = Cli.ParseCsv(
            (await Cli.RunAsync(db, "spc", "--ref", "S1", "--screen-outliers", "-f", "csv")).Out
        );
        Assert.Equal(("-2.383666", "3.722497"), (screened[0]["lower_limit"], screened[0]["upper_limit"]));

        var table = await Cli.RunAsync(db, "spc", "--ref", "S1");
        Assert.Contains(
            "Variation: No significant change. Assurance: Will consistently miss the target.",
            table.Out,
            StringComparison.Ordinal
        );

        // The evaluation of June 2017 has the outlier as its latest figure: a special cause, as the chart of the
        // figures to then says; a month later it is common cause again.
        var june = Cli.ParseCsv((await Cli.RunAsync(db, "evaluate", "--period", "2017-06", "-f", "csv")).Out).Single();
        var upToJune = Domain.Statistics.Spc.Analyse(
            [.. Published.Take(15).Select(v => double.Parse(v, Invariant))],
            Domain.Framework.Polarity.HigherIsBetter,
            8
        );
        Assert.Equal(Domain.Statistics.SpcVariation.Improvement, upToJune.Variation);
        Assert.Equal(
            ("special_cause_improvement", Domain.Statistics.MeasureSpc.Code(upToJune.Assurance!.Value)),
            (june["spc_variation"], june["spc_assurance"])
        );
        var july = Cli.ParseCsv((await Cli.RunAsync(db, "evaluate", "--period", "2017-07", "-f", "csv")).Out).Single();
        Assert.Equal("common_cause", july["spc_variation"]);

        var unknown = await Cli.RunAsync(db, "spc", "--ref", "NOPE");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("--ref: 'NOPE' is not a measure of Havering", unknown.Error, StringComparison.Ordinal);
    }
}
