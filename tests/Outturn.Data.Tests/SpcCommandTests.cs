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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_measures_own_settings_fix_its_limits_after_n_figures_and_screen_them(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();
        // S1 screened; S2 fixed after its first 14 figures; S3 has only those 14, so its limits are what S2's must be.
        string Rows(string reference, int count) =>
            string.Join(
                "\n",
                Published
                    .Take(count)
                    .Select(
                        (v, i) =>
                            $"{reference},{new DateOnly(2016, 4, 1).AddMonths(i).ToString("yyyy-MM", Invariant)},{v}"
                    )
            );
        var measures = files.Write(
            "measures.csv",
            "ref,title,frequency,polarity,spc_fix_after,spc_screen\n"
                + "S1,Screened,monthly,higher,,yes\nS2,Fixed,monthly,higher,14,no\nS3,First 14,monthly,higher,,\n"
        );
        var imported = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            measures,
            files.Write("values.csv", $"ref,period,value\n{Rows("S1", 20)}\n{Rows("S2", 20)}\n{Rows("S3", 14)}\n")
        );
        Assert.True(imported.ExitCode == 0, imported.Error);

        async Task<List<Dictionary<string, string>>> ChartAsync(string reference) =>
            Cli.ParseCsv((await Cli.RunAsync(db, "spc", "--ref", reference, "-f", "csv")).Out);

        // Screened by its own setting, as --screen-outliers screens.
        var screened = await ChartAsync("S1");
        Assert.Equal(("-2.383666", "3.722497"), (screened[0]["lower_limit"], screened[0]["upper_limit"]));

        // Fixed after 14: every point is judged against the limits of the first 14, so the outlier stands out, and
        // the six figures after it do not move the limits.
        var fixedAfter = await ChartAsync("S2");
        var first = (await ChartAsync("S3"))[0];
        Assert.All(
            fixedAfter,
            r =>
                Assert.Equal(
                    (first["mean"], first["lower_limit"], first["upper_limit"]),
                    (r["mean"], r["lower_limit"], r["upper_limit"])
                )
        );
        Assert.Equal(
            ("special_cause_improvement", "outside_limits"),
            (fixedAfter[14]["point_type"], fixedAfter[14]["rule"])
        );
        var table = await Cli.RunAsync(db, "spc", "--ref", "S2");
        Assert.Contains(
            "The mean and limits are worked out from the first 14 figures (of each baseline) and fixed after them.",
            table.Out,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "worked out from the first",
            (await Cli.RunAsync(db, "spc", "--ref", "S3")).Out,
            StringComparison.Ordinal
        );

        // The export carries both settings, and importing it again changes nothing.
        var export = files.PathOf("export");
        Assert.Equal(0, (await Cli.RunAsync(db, "export", "--out", export)).ExitCode);
        var rows = Cli.ParseCsv(await File.ReadAllTextAsync(Path.Combine(export, "measures.csv")));
        Assert.Equal(
            [("S1", "", "yes"), ("S2", "14", ""), ("S3", "", "")],
            rows.Select(r => (r["ref"], r["spc_fix_after"], r["spc_screen"])).ToArray()
        );
        var again = await Cli.RunAsync(db, "import", "--org", "Havering", Path.Combine(export, "measures.csv"));
        Assert.Contains("0 items added, 0 updated", again.Out, StringComparison.Ordinal);

        // Bad settings are refused by row, column and value, and nothing is changed.
        var bad = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write("bad.csv", "ref,title,spc_fix_after,spc_screen\nS1,Screened,1,\nS2,Fixed,lots,maybe\n")
        );
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("bad.csv, row 2, column 'spc_fix_after': '1'", bad.Error, StringComparison.Ordinal);
        Assert.Contains("bad.csv, row 3, column 'spc_fix_after': 'lots'", bad.Error, StringComparison.Ordinal);
        Assert.Contains("bad.csv, row 3, column 'spc_screen': 'maybe'", bad.Error, StringComparison.Ordinal);
        Assert.Equal(first["upper_limit"], (await ChartAsync("S2"))[19]["upper_limit"]);
    }
}
