using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Framework;

namespace Outturn.Data.Tests;

/// <summary>National data and comparator groups imported all or nothing (Outturn's long format, Fingertips' bulk
/// download as it is shaped, a list of areas), and <c>outturn compare</c> over them agreeing with the domain's
/// comparison.</summary>
public class ComparisonImportTests
{
    private const string LongHeader =
        "metric,metric_title,unit,rate_per,polarity,area_code,area_name,parent_code,period,value,count,denominator,"
        + "lower_ci_95,upper_ci_95";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Sixteen counties (E10000001 is ours, in region E12000001), England and the region, for a
    /// percentage with counts and a rate per 100,000 with one neighbour's count small.</summary>
    private static string LongFile()
    {
        var lines = new List<string> { LongHeader };
        for (var i = 1; i <= 16; i++)
        {
            var code = $"E10{i:D6}";
            var active = 50 + i; // ours (i = 1) is the lowest: 51%
            lines.Add(
                $"ACTIVE,Physically active adults,%,,higher,{code},County {i},E12000001,2016/17,{active},{active * 10},"
                    + "1000,,"
            );
            var count = i == 5 ? 3 : 100 + i;
            lines.Add(
                $"KSI,Killed or seriously injured per 100000,per 100000,100000,lower,{code},County {i},E12000001,"
                    + $"2016/17,,{count},100000,,"
            );
        }

        lines.Add("ACTIVE,,,,,E92000001,England,,2016/17,55,,,54.9,55.1");
        lines.Add("ACTIVE,,,,,E12000001,North East,,2016/17,52,,,51.5,52.5");
        lines.Add("KSI,,,,,E92000001,England,,2016/17,104,,,103,105");
        return string.Join("\n", lines) + "\n";
    }

    private static string Groups() =>
        "group,area_code,for_area,as_of\n"
        + string.Join("\n", Enumerable.Range(1, 16).Select(i => $"Our neighbours,E10{i:D6},,2024-04-01"))
        + "\n";

    private static async Task<string> SetUpAsync(TestDatabase test, TempFolder files)
    {
        var db = test.Target.ConnectionString;
        var imported = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write(
                "measures.csv",
                "ref,title,unit,rate_per,polarity,frequency,benchmark_metric\n"
                    + "PA,Active adults,percentage,,higher,annual,active\n"
                    + "RS,Road casualties,rate,100000,lower,annual,KSI\n"
                    + "NL,Not linked,count,,higher,annual,\n"
            ),
            files.Write("values.csv", "ref,period,value\nPA,2016/17,51\nRS,2016/17,101\n")
        );
        Assert.True(imported.ExitCode == 0, imported.Error);
        var national = await Cli.RunAsync(db, "comparisons", "import", files.Write("national.csv", LongFile()));
        Assert.True(national.ExitCode == 0, national.Error);
        Assert.Contains("Imported 35 figures of 2 metrics for 18 areas", national.Out, StringComparison.Ordinal);
        var groups = await Cli.RunAsync(db, "comparisons", "groups", files.Write("groups.csv", Groups()));
        Assert.True(groups.ExitCode == 0, groups.Error);
        Assert.Contains("Our neighbours: 16 members", groups.Out, StringComparison.Ordinal);
        var set = await Cli.RunAsync(db, "org", "set", "--area-code", "e10000001", "--group", "Our neighbours");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("area E10000001", set.Out, StringComparison.Ordinal);
        return db;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compare_ranks_each_linked_measure_in_its_group_as_the_domain_does(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = await SetUpAsync(test, files);

        var compared = await Cli.RunAsync(db, "compare", "--period", "2016/17", "--format", "csv");

        Assert.True(compared.ExitCode == 0, compared.Error);
        var rows = Cli.ParseCsv(compared.Out).ToDictionary(r => r["ref"]);
        Assert.Equal(["PA", "RS"], rows.Keys.Order());
        var pa = rows["PA"];
        Assert.Equal(("51", "16", "16", "4"), (pa["value"], pa["group_size"], pa["rank"], pa["quartile"]));
        var others = Enumerable.Range(2, 15).Select(i => 50.0 + i).ToList();
        Assert.Equal(others.Average(), Number(pa["group_average"]), 9);
        Assert.Equal((51 - others.Average()) / others.Average() * 100, Number(pa["variance_pct"]), 9);
        var wilson = ConfidenceIntervals.Wilson(510, 1000, ConfidenceLevel.Ninety5, 100);
        Assert.Equal(wilson.Lower, Number(pa["lower_ci_95"]), 9);
        Assert.Equal(("worse", "worse", "false"), (pa["vs_england"], pa["vs_group"], pa["suppressed"]));

        // A rate worked out from its count (101 per 100,000: ours is the best of the fifteen ranked, County 5's
        // count of 3 is too small to rank).
        var rs = rows["RS"];
        Assert.Equal(("101", "15", "1", "1"), (rs["value"], rs["group_size"], rs["rank"], rs["quartile"]));
        Assert.Equal(
            ConfidenceIntervals.Rate(101, 100000, ConfidenceLevel.Ninety5, 100000).Upper,
            Number(rs["upper_ci_95"]),
            9
        );
        Assert.Equal("similar", rs["vs_england"]);

        var table = await Cli.RunAsync(db, "compare", "--ref", "PA");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("16th of 16", table.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_figure_imported_again_replaces_the_stored_one_and_groups_are_replaced_wholly(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = await SetUpAsync(test, files);

        long Version()
        {
            using var context = test.Target.CreateContext();
            return context.Organisations.Single().DataVersion;
        }

        var before = Version();
        var again = await Cli.RunAsync(
            db,
            "comparisons",
            "import",
            files.Write("again.csv", LongHeader + "\nACTIVE,,,,,E10000001,,,2016/17,70,,,,\n")
        );
        var smaller = await Cli.RunAsync(
            db,
            "comparisons",
            "groups",
            files.Write("small.csv", "group,area_code\nOur neighbours,E10000001\nOur neighbours,E10000002\n")
        );

        Assert.True(again.ExitCode == 0 && smaller.ExitCode == 0, again.Error + smaller.Error);
        Assert.Equal(before + 2, Version()); // each import makes cached reports stale
        var row = Cli.ParseCsv((await Cli.RunAsync(db, "compare", "--ref", "PA", "--format", "csv")).Out).Single();
        Assert.Equal(("70", "2", "1"), (row["value"], row["group_size"], row["rank"]));
        await using var context = await test.OpenAsync();
        Assert.Equal(35, await context.NationalValues.CountAsync());
        Assert.Equal(2, await context.ComparatorMembers.CountAsync());
    }

    /// <summary>A file of many thousands of figures (on PostgreSQL copied in chunks while it is read): a metric with
    /// figures stored has them replaced and a new one's are added, in one import; a file whose last row is wrong
    /// leaves nothing of its thousands of rows before it, not even its new metric.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_large_file_is_stored_whole_replacing_stored_figures_or_not_at_all(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        const int Areas = 4_000;
        const int Years = 10;
        string Rows(string metric, int value) =>
            string.Concat(
                from year in Enumerable.Range(2010, Years)
                from area in Enumerable.Range(1, Areas)
                select $"\n{metric},,,,,E10{area:D6},,,{year}/{(year + 1) % 100:D2},{value},,,,"
            );

        var first = await Cli.RunAsync(
            test.Target.ConnectionString,
            "comparisons",
            "import",
            files.Write("first.csv", LongHeader + "\nOLD,Stored,%,,higher,E10000001,,,2010/11,1,,,," + "\n")
        );
        Assert.True(first.ExitCode == 0, first.Error);

        var both = await Cli.RunAsync(
            test.Target.ConnectionString,
            "comparisons",
            "import",
            files.Write("both.csv", LongHeader + Rows("NEW", 7) + Rows("OLD", 9) + "\n")
        );
        Assert.True(both.ExitCode == 0, both.Error);

        var broken = await Cli.RunAsync(
            test.Target.ConnectionString,
            "comparisons",
            "import",
            files.Write(
                "broken.csv",
                LongHeader
                    + Rows("LATER", 5)
                    + "\nLATER,,,,,E10000001,,,2010/11,6,,,,"
                    + "\nLATER,,,,,E10000001,,,2030/31,five,,,,"
                    + "\n"
            )
        );
        Assert.Equal(2, broken.ExitCode);
        // The repeat is found among figures already written and let go of, in chunks, by the streaming import.
        Assert.Contains(
            $"broken.csv, row {Areas * Years + 2}, column 'metric': 'LATER': one figure for E10000001 in 2010/11: "
                + "row 2 gives it already",
            broken.Error,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"broken.csv, row {Areas * Years + 3}, column 'value': 'five'",
            broken.Error,
            StringComparison.Ordinal
        );

        await using var context = await test.OpenAsync();
        var counts = await context
            .NationalValues.Join(context.Metrics, v => v.MetricId, m => m.Id, (v, m) => new { m.Key, v.Value })
            .GroupBy(x => new { x.Key, x.Value })
            .Select(g => new
            {
                g.Key.Key,
                g.Key.Value,
                Count = g.Count(),
            })
            .ToListAsync();
        Assert.Equal(
            [("NEW", 7.0, Areas * Years), ("OLD", 9.0, Areas * Years)],
            counts.Select(c => (c.Key, c.Value ?? 0, c.Count)).OrderBy(c => c.Key)
        );
        Assert.Equal(["NEW", "OLD"], await context.Metrics.Select(m => m.Key).OrderBy(k => k).ToListAsync());
        Assert.Equal("Stored", (await context.Metrics.SingleAsync(m => m.Key == "OLD")).Title);
    }

    /// <summary>Into an empty table PostgreSQL's import builds the table's key after the figures are in: a file
    /// refused (a bad last row, or a figure given twice) leaves the table empty with its key, and one stored leaves
    /// the key refusing a second copy of a figure.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_first_import_into_an_empty_table_keeps_the_tables_key_whether_or_not_it_is_stored(
        string provider
    )
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var rows = string.Concat(
            from year in Enumerable.Range(2010, 4)
            from area in Enumerable.Range(1, 10_000)
            select $"\nFIRST,,,,,E10{area:D6},,,{year}/{(year + 1) % 100:D2},{area % 97},,,,"
        );
        async Task<(int Exit, string Error)> ImportAsync(string name, string text)
        {
            var (exit, _, error) = await Cli.RunAsync(
                test.Target.ConnectionString,
                "comparisons",
                "import",
                files.Write(name, LongHeader + text + "\n")
            );
            return (exit, error);
        }

        var broken = await ImportAsync("broken.csv", rows + "\nFIRST,,,,,E10000001,,,2030/31,five,,,,");
        Assert.Equal(2, broken.Exit);
        var twice = await ImportAsync("twice.csv", rows + "\nFIRST,,,,,E10000001,,,2010/11,3,,,,");
        Assert.Equal(2, twice.Exit);
        Assert.Contains("twice.csv, row 40002", twice.Error, StringComparison.Ordinal);
        await using (var context = await test.OpenAsync())
        {
            Assert.Equal(0, await context.NationalValues.CountAsync());
            Assert.Empty(await context.Metrics.ToListAsync());
        }

        var stored = await ImportAsync("stored.csv", rows);
        Assert.True(stored.Exit == 0, stored.Error);
        await using (var context = await test.OpenAsync())
        {
            Assert.Equal(40_000, await context.NationalValues.CountAsync());
            var metric = await context.Metrics.SingleAsync();
            var again = context.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO national_values (metric_id, area_code, period, period_kind, period_start, period_end)
                SELECT metric_id, area_code, period, period_kind, period_start, period_end FROM national_values
                WHERE metric_id = {metric.Id} AND area_code = 'E10000001'
                """
            );
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => again);
            Assert.Matches("(?i)unique|duplicate", refused.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_rows_are_each_named_and_nothing_is_stored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var file = files.Write(
            "bad.csv",
            LongHeader
                + "\nACTIVE,Active,%,,higher,E1000000X,County,,2016/17,50,,,,"
                + "\nACTIVE,,,,,E10000002,County 2,,2016/13,50,,,,"
                + "\nACTIVE,,,,,E10000003,County 3,,2016/17,fifty,,,,"
                + "\nACTIVE,,,,,E10000004,County 4,,2016/17,,,,,"
                + "\nACTIVE,,,,,E10000005,County 5,,2016/17,50,,,49,"
                + "\nACTIVE,,,,,E10000006,County 6,,2016/17,50,,,,"
                + "\nACTIVE,,,,,E10000006,County 6,,2016/17,51,,,,"
                + "\nACTIVE,,,,sideways,E10000007,County 7,,2016/17,50,,,,"
                + "\nACTIVE,Another title,,,,E10000008,County 8,,2016/17,50,,,,"
                + "\nKSI,,,,,E10000009,County 9,,2016/17,,5,0,,\n"
        );

        var result = await Cli.RunAsync(test.Target.ConnectionString, "comparisons", "import", file);

        Assert.Equal(2, result.ExitCode);
        string[] expected =
        [
            "bad.csv, row 2, column 'area_code': 'E1000000X'",
            "bad.csv, row 3, column 'period': '2016/13'",
            "bad.csv, row 4, column 'value': 'fifty': a number",
            "bad.csv, row 5, column 'value': a value, or a count and a denominator",
            "bad.csv, row 6, column 'upper_ci_95': both ends of the interval",
            "bad.csv, row 8, column 'metric': 'ACTIVE': one figure for E10000006 in 2016/17: row 7 gives it already",
            "bad.csv, row 9, column 'polarity': 'sideways': higher, lower or none",
            "bad.csv, row 10, column 'metric_title': 'Another title': 'Active', as row 2 gives metric ACTIVE",
            "bad.csv, row 11, column 'denominator': '0': a number above 0",
        ];
        foreach (var line in expected)
        {
            Assert.Contains(line, result.Error, StringComparison.Ordinal);
        }

        await using var context = await test.OpenAsync();
        Assert.Equal(0, await context.NationalValues.CountAsync());
        Assert.Equal(0, await context.Metrics.CountAsync());
        Assert.Equal(0, await context.Areas.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fingertips_bulk_files_are_read_as_downloaded(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        // Shaped as Fingertips writes its bulk download: a breakdown row by deprivation decile (not an area total),
        // pooled years, thousands separators, a Male row of the same indicator and the "Compared to …" column
        // named for the parent area type.
        const string header =
            "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
            + "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,"
            + "Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,"
            + "Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal";
        var file = files.Write(
            "fingertips.csv",
            header
                + "\n92443,Smoking Prevalence in adults,,,E92000001,England,England,Persons,18+ yrs,,,2014 - 16,15.5,"
                + "15.3,15.7,15.2,15.8,\"7,400\",\"47,741\",,,,,20140000,,"
                + "\n92443,Smoking Prevalence in adults,E12000001,North East region,E10000001,County 1,"
                + "County & UA (4/23-3/24),Persons,18+ yrs,,,2014 - 16,12.1,10.9,13.3,10.2,14.1,250,\"2,066\",,"
                + "Cannot be calculated,Better,Similar,20140000,,"
                + "\n92443,Smoking Prevalence in adults,E12000001,North East region,E10000001,County 1,"
                + "County & UA (4/23-3/24),Persons,18+ yrs,County & UA deprivation deciles,Most deprived decile,"
                + "2014 - 16,25.0,20.0,30.0,,,,,,,,,20140000,,"
                + "\n92443,Smoking Prevalence in adults,E12000001,North East region,E10000001,County 1,"
                + "County & UA (4/23-3/24),Male,18+ yrs,,,2014 - 16,14.0,12.0,16.0,11.0,17.0,,,,,,,20140000,,"
                + "\n92443,Smoking Prevalence in adults,E12000001,North East region,E10000002,County 2,"
                + "County & UA (4/23-3/24),Persons,18+ yrs,,,2014 - 16,,,,,,,,Value suppressed,,,,20140000,,\n"
        );

        var result = await Cli.RunAsync(test.Target.ConnectionString, "comparisons", "import", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1 breakdown rows by category left out", result.Out, StringComparison.Ordinal);
        await using var context = await test.OpenAsync();
        var metrics = await context.Metrics.OrderBy(m => m.Key).ToListAsync();
        Assert.Equal(["92443", "92443:male"], metrics.Select(m => m.Key));
        Assert.Equal("lower", metrics[0].Polarity); // County 1 is below England and "Better"
        Assert.Equal("Smoking Prevalence in adults (Male)", metrics[1].Title);
        var england = await context.NationalValues.SingleAsync(v => v.AreaCode == "E92000001");
        Assert.Equal(
            ("2014 - 16", 7400.0, 47741.0),
            (england.Period, england.Count!.Value, england.Denominator!.Value)
        );
        var suppressed = await context.NationalValues.SingleAsync(v => v.AreaCode == "E10000002");
        Assert.Equal((null, "Value suppressed"), (suppressed.Value, suppressed.Note));
        var area = await context.Areas.SingleAsync(a => a.Code == "E10000001");
        Assert.Equal(("County 1", "E12000001"), (area.Name, area.ParentCode));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_with_a_column_per_period_is_unpivoted_with_its_metric_named(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = test.Target.ConnectionString;
        // Shaped as LG Inform's download: the area, its code, then a column per period; ".." and "[c]" are no figure.
        var wide = files.Write(
            "lginform.csv",
            "Area,Area code,2015/16,2016/17,2017/18\n"
                + "County 1,E10000001,41.2,40.1,..\nCounty 2,E10000002,[c],39.0,38.5\nEngland,E92000001,40,39.5,39\n"
        );

        var unnamed = await Cli.RunAsync(db, "comparisons", "import", wide);
        var named = await Cli.RunAsync(
            db,
            "comparisons",
            "import",
            wide,
            "--metric",
            "ASCOF 1E",
            "--metric-title",
            "Adults with learning disabilities in paid employment",
            "--unit",
            "%",
            "--polarity",
            "higher"
        );
        var bad = await Cli.RunAsync(
            db,
            "comparisons",
            "import",
            files.Write("bad-wide.csv", "Area,Area code,2016/17\nCounty 9,E10000009,lots\n"),
            "--metric",
            "X"
        );

        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("lginform.csv, row 1", unnamed.Error, StringComparison.Ordinal);
        Assert.Contains("--metric ID", unnamed.Error, StringComparison.Ordinal);
        Assert.True(named.ExitCode == 0, named.Error);
        Assert.Contains("Imported 7 figures of 1 metrics for 3 areas", named.Out, StringComparison.Ordinal);
        Assert.Contains("bad-wide.csv, row 2, column '2016/17': 'lots': a number", bad.Error, StringComparison.Ordinal);
        await using var context = await test.OpenAsync();
        var metric = await context.Metrics.SingleAsync();
        Assert.Equal(("ASCOF 1E", "higher", "%"), (metric.Key, metric.Polarity, metric.Unit));
        var county2 = await context
            .NationalValues.Where(v => v.AreaCode == "E10000002")
            .OrderBy(v => v.PeriodEnd)
            .Select(v => v.Period)
            .ToListAsync();
        Assert.Equal(["2016/17", "2017/18"], county2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_recoded_areas_history_follows_its_successor(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = await SetUpAsync(test, files);
        // County 16 was E10000016 until its recode to E06000099; the group names the new code, the old figures
        // count for it.
        var areas = await Cli.RunAsync(
            db,
            "comparisons",
            "import",
            files.Write(
                "areas.csv",
                "area_code,area_name,area_type,parent_code,successor_code\n"
                    + "E10000016,County 16 (old),county,E12000001,E06000099\nE06000099,County 16,unitary,E12000001,\n"
            )
        );
        var group = await Cli.RunAsync(
            db,
            "comparisons",
            "groups",
            files.Write(
                "groups2.csv",
                "group,area_code\n"
                    + string.Join("\n", Enumerable.Range(1, 15).Select(i => $"Our neighbours,E10{i:D6}"))
                    + "\nOur neighbours,E06000099\n"
            )
        );
        Assert.True(areas.ExitCode == 0 && group.ExitCode == 0, areas.Error + group.Error);

        var row = Cli.ParseCsv((await Cli.RunAsync(db, "compare", "--ref", "PA", "--format", "csv")).Out).Single();

        Assert.Equal(("16", "16"), (row["group_size"], row["rank"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_target_set_by_comparison_rates_by_that_periods_comparator_and_round_trips(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = test.Target.ConnectionString;
        var imported = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write(
                "measures.csv",
                "ref,title,unit,decimals,polarity,frequency\nYJ,Re-offending,percentage,1,lower,annual\n"
            ),
            files.Write(
                "values.csv",
                "ref,period,value,target,benchmark_neighbours\nYJ,2016/17,39.6,neighbours,36.2\n"
                    + "YJ,2017/18,35.0,Top quartile,\n"
            )
        );
        Assert.True(imported.ExitCode == 0, imported.Error);

        var rated = Cli.ParseCsv((await Cli.RunAsync(db, "evaluate", "--period", "2016/17", "--format", "csv")).Out)
            .Single();
        var unresolved = Cli.ParseCsv(
                (await Cli.RunAsync(db, "evaluate", "--period", "2017/18", "--format", "csv")).Out
            )
            .Single();
        var exported = await Cli.RunAsync(db, "export", "--org", "Havering", "--out", files.PathOf("out"));

        Assert.Equal("red", rated["rating"]);
        Assert.Equal(
            "Red: 39.6% is 3.4 points (9.4%) worse than the statistical neighbours' average of 36.2%; amber tolerance "
                + "is 5%",
            rated["reason"]
        );
        Assert.Equal("no_target", unresolved["rating"]);
        Assert.True(exported.ExitCode == 0, exported.Error);
        var values = File.ReadAllText(Path.Combine(files.PathOf("out"), "values.csv"));
        Assert.Contains("2016/17,39.6,", values, StringComparison.Ordinal);
        Assert.Contains(",neighbours,", values, StringComparison.Ordinal);
        Assert.Contains(",top_quartile,", values, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_target_set_by_comparison_without_the_rows_figure_takes_the_national_datas(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        using var files = new TempFolder();
        // Linked to the demo's under-18 conceptions metric: the top quartile and England from the national data; a
        // row's own England figure wins; an unlinked measure has nothing to take.
        var imported = await Cli.RunAsync(
            test.Target.ConnectionString,
            "import",
            "--org",
            Storage.DemoCouncil.Name,
            files.Write(
                "measures.csv",
                "ref,title,unit,rate_per,decimals,polarity,frequency,benchmark_metric\n"
                    + "CT1,Top quartile,rate,1000,1,lower,annual,20401\nCT2,England,rate,1000,1,lower,annual,20401\n"
                    + "CT3,Own England,rate,1000,1,lower,annual,20401\nCT4,Unlinked,rate,1000,1,lower,annual,\n"
            ),
            files.Write(
                "values.csv",
                "ref,period,value,target,benchmark_national\nCT1,2016/17,18.6,top_quartile,\n"
                    + "CT2,2016/17,18.6,england,\nCT3,2016/17,18.6,england,99\nCT4,2016/17,18.6,england,\n"
            )
        );
        Assert.True(imported.ExitCode == 0, imported.Error);

        await using var db = await test.OpenAsync();
        var org = await db.Organisations.SingleAsync(o => o.Name == Storage.DemoCouncil.Name);
        var period = Domain.Periods.Period.Parse("2016/17");
        var national = (await new Comparisons.ComparisonService(db).CompareAsync(org, period, itemRef: "CT1"))
            .Single()
            .Result;
        Assert.NotNull(national.TopQuartileValue);
        Assert.NotNull(national.EnglandValue);
        var targets = (await new Storage.EvaluationService(db).EvaluateAsync(org, period, null))
            .Where(e => e.Item.Ref.StartsWith("CT", StringComparison.Ordinal))
            .ToDictionary(e => e.Item.Ref, e => e.Evaluation.Entry!.Target!.Value);
        Assert.Equal(
            ((decimal)national.TopQuartileValue!.Value, true),
            (targets["CT1"].Value, targets["CT1"].HasNumber)
        );
        Assert.Equal(((decimal)national.EnglandValue!.Value, true), (targets["CT2"].Value, targets["CT2"].HasNumber));
        Assert.Equal((99m, true), (targets["CT3"].Value, targets["CT3"].HasNumber));
        Assert.False(targets["CT4"].HasNumber);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_measure_rated_by_significance_uses_the_national_datas_comparator_and_interval(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        var db = await SetUpAsync(test, files);
        // Our area's 51% is 510 of 1,000 in the national data: Wilson's 95% interval 47.9% to 54.1%. England's 55% is
        // above it (worse, higher being better), the region's 52% inside it (similar). A row with its own count (51
        // of 100: 41.3% to 60.6%) is judged by that: England inside it.
        var imported = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write(
                "significance.csv",
                "ref,title,unit,polarity,frequency,benchmark_metric,rate_by_significance\n"
                    + "SE,Against England,percentage,higher,annual,active,england\n"
                    + "SR,Against the region,percentage,higher,annual,active,Region\n"
                    + "SC,Own count,percentage,higher,annual,active,england\n"
                    + "SN,No comparator,percentage,higher,annual,,neighbours\n"
            ),
            files.Write(
                "significance-values.csv",
                "ref,period,value,numerator,denominator,target\nSE,2016/17,51,,,60\nSR,2016/17,51,,,\n"
                    + "SC,2016/17,51,51,100,\nSN,2016/17,51,51,100,\n"
            )
        );
        Assert.True(imported.ExitCode == 0, imported.Error);

        var evaluated = await Cli.RunAsync(db, "evaluate", "--period", "2016/17", "--format", "csv");
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        var rows = Cli.ParseCsv(evaluated.Out).ToDictionary(r => r["ref"]);
        Assert.Equal("red", rows["SE"]["rating"]);
        Assert.Equal(
            "Red: 51% (95% confidence interval 47.9% to 54.1%) is significantly worse than England's figure of 55%",
            rows["SE"]["reason"]
        );
        Assert.Equal("amber", rows["SR"]["rating"]);
        Assert.Contains("similar to the region's figure of 52%", rows["SR"]["reason"], StringComparison.Ordinal);
        Assert.Equal("amber", rows["SC"]["rating"]);
        Assert.Contains("interval 41.3% to 60.6%", rows["SC"]["reason"], StringComparison.Ordinal);
        Assert.Equal("no_target", rows["SN"]["rating"]);
        Assert.Contains(
            "the statistical neighbours' average, and there is none",
            rows["SN"]["reason"],
            StringComparison.Ordinal
        );

        // The setting goes out with the measures and comes back; a comparator without a figure to be within is
        // refused by row, column and value.
        var exported = await Cli.RunAsync(db, "export", "--org", "Havering", "--out", files.PathOf("out"));
        Assert.True(exported.ExitCode == 0, exported.Error);
        var measures = Cli.ParseCsv(File.ReadAllText(Path.Combine(files.PathOf("out"), "measures.csv")))
            .ToDictionary(r => r["ref"]);
        Assert.Equal(
            ("england", "region", ""),
            (
                measures["SE"]["rate_by_significance"],
                measures["SR"]["rate_by_significance"],
                measures["PA"]["rate_by_significance"]
            )
        );
        var refused = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write(
                "bad.csv",
                "ref,title,unit,polarity,rate_by_significance\nSE,Against England,percentage,higher,top_quartile\n"
            )
        );
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("bad.csv", refused.Error, StringComparison.Ordinal);
        Assert.Contains("rate_by_significance", refused.Error, StringComparison.Ordinal);
        Assert.Contains("top_quartile", refused.Error, StringComparison.Ordinal);
        Assert.Contains("england, region or neighbours", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Terms_follow_the_metrics_unit_and_polarity()
    {
        Assert.Equal(
            new MetricTerms(MetricShape.Percentage, 1, Polarity.HigherIsBetter),
            MetricTerms.Of("%", null, "higher")
        );
        Assert.Equal(MetricShape.Rate, MetricTerms.Of("per 100,000", 100000, "lower").Shape);
        Assert.Equal(MetricShape.Other, MetricTerms.Of("years", null, "none").Shape);
    }

    private static double Number(string text) => double.Parse(text, Invariant);
}
