using Microsoft.EntityFrameworkCore;

namespace Outturn.Data.Tests;

public class CliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_then_evaluate_and_summary_as_csv(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Target.ConnectionString;

        var demo = await Cli.RunAsync(db, "demo");
        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("93 items added", demo.Out, StringComparison.Ordinal);
        // Every committee's last three months are published, each dashboard kept as built, so a visitor finds them.
        await using (var context = await test.OpenAsync())
        {
            var committees = await new Data.Storage.EvaluationService(context).CommitteesAsync(
                await context.Organisations.SingleAsync()
            );
            var publications = await context.Publications.ToListAsync();
            Assert.Equal(committees.Count * 3, publications.Count);
            Assert.All(
                publications,
                p =>
                {
                    Assert.Contains(p.Period, new[] { "2018-01", "2018-02", "2018-03" });
                    var doc = Reports.Model.ReportJson.Read(p.Snapshot!);
                    Assert.Contains(p.Committee, doc.Title + doc.Subtitle, StringComparison.Ordinal);
                }
            );
        }

        var evaluate = await Cli.RunAsync(db, "evaluate", "--period", "2017/18 Q1", "--format", "csv");
        Assert.Equal(0, evaluate.ExitCode);
        var rows = Cli.ParseCsv(evaluate.Out);
        Assert.Equal(93, rows.Count);
        foreach (
            var column in new[]
            {
                "ref",
                "kind",
                "period",
                "value",
                "target",
                "rating",
                "computed_rating",
                "direction_short",
                "direction_long",
                "reason",
            }
        )
        {
            Assert.True(rows[0].ContainsKey(column), column);
        }

        Assert.All(
            rows,
            r => Assert.Contains(r["rating"], new[] { "blue", "green", "amber", "red", "no_target", "no_data" })
        );
        var cu01 = rows.Single(r => r["ref"] == "CU01");
        Assert.Equal("2017/18 Q1", cu01["period"]);
        Assert.StartsWith(
            char.ToUpperInvariant(cu01["rating"][0]) + cu01["rating"][1..],
            cu01["reason"],
            StringComparison.Ordinal
        );

        var summary = await Cli.RunAsync(
            db,
            "summary",
            "--period",
            "2017/18",
            "--by",
            "committee",
            "--format",
            "csv",
            "--years",
            "3"
        );
        Assert.Equal(0, summary.ExitCode);
        var groups = Cli.ParseCsv(summary.Out);
        Assert.Equal(3, groups.Count(g => g["group"] == "All"));
        Assert.All(
            groups.Where(g => int.Parse(g["rated_measures"]) > 0),
            g => Assert.Equal(100, int.Parse(g["blue_green_pct"]) + int.Parse(g["amber_pct"]) + int.Parse(g["red_pct"]))
        );

        // For people: words, counts beside percentages, within 100 columns.
        var table = await Cli.RunAsync(db, "summary", "--period", "2017/18", "--by", "committee", "--years", "3");
        Assert.Equal(0, table.ExitCode);
        var all = groups.First(g => g["group"] == "All");
        Assert.Contains(
            $"{all["met_or_on_track_pct"]}% ({all["met_or_on_track"]} of {all["items_rated"]})",
            table.Out,
            StringComparison.Ordinal
        );
        Assert.Contains("Met or on track", table.Out, StringComparison.Ordinal);
        Assert.All(table.Out.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 100, line));
    }

    [Fact]
    public async Task Errors_give_a_message_and_a_non_zero_exit_code()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();

        // As a process of its own: the exit code is the process's, and its console shows the message, no stack trace.
        var noOrg = await Cli.RunProcessAsync(db, "evaluate", "--period", "2017/18");
        Assert.NotEqual(0, noOrg.ExitCode);
        Assert.Contains("no organisation", noOrg.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", noOrg.Error, StringComparison.Ordinal);
        Assert.Equal("", noOrg.Out);

        var badImport = await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write("values.csv", "ref,period\nPM01,2017/18 Q7\n")
        );
        Assert.Equal(2, badImport.ExitCode);
        Assert.Contains("values.csv, row 2, column 'ref': 'PM01'", badImport.Error, StringComparison.Ordinal);
        Assert.Contains("values.csv, row 2, column 'period': '2017/18 Q7'", badImport.Error, StringComparison.Ordinal);

        await Cli.RunAsync(db, "import", "--org", "Havering", files.Write("measures.csv", Samples.Measures));
        var badPeriod = await Cli.RunAsync(db, "evaluate", "--org", "Havering", "--period", "Q1 2017");
        Assert.Equal(1, badPeriod.ExitCode);
        Assert.Contains("--period", badPeriod.Error, StringComparison.Ordinal);

        var badScheme = await Cli.RunAsync(db, "scheme", "set", "--org", "Havering", "--amber-tolerance", "five");
        Assert.Equal(1, badScheme.ExitCode);
        Assert.Contains("--amber-tolerance", badScheme.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheme_set_changes_ratings()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();
        await Cli.RunAsync(
            db,
            "import",
            "--org",
            "Havering",
            files.Write("measures.csv", Samples.Measures),
            files.Write("values.csv", Samples.Values)
        );

        async Task<string> RatingOf(string reference) =>
            Cli.ParseCsv((await Cli.RunAsync(db, "evaluate", "--period", "2017/18 Q1", "-f", "csv")).Out)
                .Single(r => r["ref"] == reference)["rating"];

        Assert.Equal("red", await RatingOf("PM02")); // 78 against 90, amber tolerance 2pt on this measure
        var set = await Cli.RunAsync(
            db,
            "scheme",
            "set",
            "--org",
            "Havering",
            "--amber-tolerance",
            "0",
            "--missing",
            "amber"
        );
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("amber tolerance 0", set.Out, StringComparison.Ordinal);
        Assert.Equal("red", await RatingOf("PM01"));

        await Cli.RunAsync(db, "scheme", "set", "--org", "Havering", "--amber-tolerance", "15%");
        Assert.Equal("amber", await RatingOf("PM01")); // 83 is 12.6% short of 95
        Assert.Equal("red", await RatingOf("PM02")); // the measure's own 2pt tolerance wins
    }

    [Fact]
    public async Task The_demos_covering_report_prints_through_the_cli_and_is_saved_with_the_demo()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", demo: true);
        using var files = new TempFolder();
        var made = await Cli.RunAsync(
            test.Target.ConnectionString,
            "report",
            "--layout",
            "quarterly",
            "--committee",
            "Cabinet",
            "--period",
            "2017/18 Q4",
            "--covering",
            Repository.PathOf("demo", "covering-report.txt"),
            "--title",
            "Council Plan performance",
            "-o",
            files.PathOf("paper.html")
        );
        Assert.True(made.ExitCode == 0, made.Error);
        var html = await File.ReadAllTextAsync(files.PathOf("paper.html"));
        foreach (
            var expected in new[]
            {
                "<h1>Council Plan performance<span class=\"subtitle\">15 May 2018</span></h1>",
                "<h2>Report details</h2>",
                "<h2>1. Purpose</h2>",
                "<h3>5.1 Strong: housing</h3>",
                "<caption>Table 1: Safe</caption>",
                "<h2>8. Appendices</h2>",
                "<h2>Appendix A: Borsetshire County Council: Performance Report</h2>",
            }
        )
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        await using var db = await test.OpenAsync();
        var saved = await db.CoveringReportDrafts.SingleAsync();
        Assert.Equal(("Cabinet", new DateOnly(2018, 5, 15), 1), (saved.Committee, saved.Meeting, saved.Version));

        var bad = files.Write("bad.txt", "## Purpose\n[chart: NOPE]\n");
        var refused = await Cli.RunAsync(
            test.Target.ConnectionString,
            "report",
            "--layout",
            "quarterly",
            "--covering",
            bad,
            "-o",
            files.PathOf("bad.html")
        );
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("[chart: NOPE] is not a measure of this report", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(files.PathOf("bad.html")));
    }

    [Fact]
    public async Task A_report_takes_its_own_title_and_subtitle_and_leaves_out_its_charts_when_asked()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", demo: true);
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();
        var made = await Cli.RunAsync(
            db,
            "report",
            "--layout",
            "dashboard",
            "--committee",
            "Cabinet",
            "--period",
            "2018-03",
            "--title",
            "Cabinet: performance & delivery",
            "--subtitle",
            "Quarter 4 update",
            "--charts",
            "none",
            "-o",
            files.PathOf("cabinet.html")
        );
        Assert.True(made.ExitCode == 0, made.Error);
        var html = await File.ReadAllTextAsync(files.PathOf("cabinet.html"));
        Assert.Contains("Cabinet: performance &amp; delivery", html, StringComparison.Ordinal);
        Assert.Contains("Quarter 4 update", html, StringComparison.Ordinal);
        // No trend line and no chart: the only pictures left are the SPC column's icons.
        Assert.DoesNotContain("<svg class=\"spark\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<figure", html, StringComparison.Ordinal);
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Count(html, "<svg"),
            System.Text.RegularExpressions.Regex.Count(html, "<svg [^>]*class=\"spc-icon\"")
        );

        var blank = await Cli.RunAsync(
            db,
            "report",
            "--layout",
            "dashboard",
            "--title",
            "  ",
            "-o",
            files.PathOf("x.html")
        );
        Assert.NotEqual(0, blank.ExitCode);
        Assert.Contains(
            "--title: '  ' is not a heading: expected 1 to 200 characters.",
            blank.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Report_writes_a_file_for_the_latest_period_and_refuses_an_unknown_committee()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Target.ConnectionString;
        using var files = new TempFolder();
        Assert.Equal(0, (await Cli.RunAsync(db, "demo")).ExitCode);

        var annual = await Cli.RunAsync(db, "report", "--layout", "annual", "-o", files.PathOf("annual.xlsx"));
        Assert.True(annual.ExitCode == 0, annual.Error);
        Assert.Contains("2017/18", annual.Out, StringComparison.Ordinal);
        using (var xlsx = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(files.PathOf("annual.xlsx"), false))
        {
            Assert.Contains(
                xlsx.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>(),
                s => s.Name == "Summary"
            );
        }

        var csv = await Cli.RunAsync(
            db,
            "report",
            "--layout",
            "dashboard",
            "--committee",
            "Cabinet",
            "--period",
            "2017-06",
            "-o",
            files.PathOf("cabinet.csv")
        );
        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.Contains(
            "June 2017",
            await File.ReadAllTextAsync(files.PathOf("cabinet.csv")),
            StringComparison.Ordinal
        );

        var unknown = await Cli.RunAsync(
            db,
            "report",
            "--layout",
            "dashboard",
            "--committee",
            "Planning",
            "-o",
            files.PathOf("x.html")
        );
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no committee named 'Planning'", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(files.PathOf("x.html")));
    }
}
