using System.Text.RegularExpressions;
using Sylvan.Data.Csv;

namespace Outturn.Data.Tests;

/// <summary>
/// The councils' own papers (shared/reference-reports) typed into the interchange format under Reference/, printed
/// through `outturn report`, and compared row by row with what the council printed (Reference/*/expected.csv, in
/// Outturn's notation: thousands separators are ignored, periods compared by name). A row listed as an exception says
/// why: "original:" where the council's paper contradicts itself or cannot be read (not compared), "feature:" where
/// Outturn cannot yet print what the council printed (must still differ, so the list stays true as features land).
/// </summary>
public class ReferenceReportTests
{
    private static readonly Regex Labelled = new(
        @"^(?<value>.*?) \((?<label>"
            + @"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
            + @"|\d{4}/\d{2}|Q\d \d{4}/\d{2}|12 months to \w+ \d{4})\)(?<rest>.*)$"
    );

    private sealed record Printed(
        string Direction,
        string Target,
        string Previous,
        string? PreviousPeriod,
        string Latest,
        string? LatestPeriod,
        bool Analysis
    );

    [Fact]
    public async Task The_monthly_committee_dashboard_prints_as_the_council_printed_it()
    {
        var folder = Path.Combine(Repository.Root, "tests", "Outturn.Data.Tests", "Reference", "monthly");
        using var work = new TempFolder();
        var database = Path.Combine(work.Path, "reference.db");
        await RunAsync(
            database,
            "import",
            "--org",
            "Peterborough City Council",
            Path.Combine(folder, "measures.csv"),
            Path.Combine(folder, "values.csv")
        );
        var csv = Path.Combine(work.Path, "dashboard.csv");
        var html = Path.Combine(work.Path, "dashboard.html");
        foreach (var output in new[] { csv, html })
        {
            await RunAsync(
                database,
                "report",
                "--layout",
                "dashboard",
                "--committee",
                "Adults and Communities Scrutiny Committee",
                "--period",
                "2017-09",
                "-o",
                output
            );
        }

        var printed = ReadDashboard(csv);
        var page = await File.ReadAllTextAsync(html);
        // Footnotes printed once, each measure marked: "*Adult Social Care Outcomes Framework Measures".
        Assert.Single(
            System.Text.RegularExpressions.Regex.Matches(
                page,
                System.Text.RegularExpressions.Regex.Escape("* Adult Social Care Outcomes Framework Measures")
            )
        );
        Assert.Contains("Outcomes for clients of reablement* (ASC02)", page, StringComparison.Ordinal);
        Assert.Contains("† Victim Based Crime includes", page, StringComparison.Ordinal);
        Assert.Contains(
            "Reducing the number of people who become victims of crime† (SPP01)",
            page,
            StringComparison.Ordinal
        );
        // A note for a section, printed once under its heading.
        Assert.Single(
            Regex.Matches(
                page,
                Regex.Escape("performance indicators for domestic abuse and sexual violence and mental")
            )
        );
        var expected = Read(Path.Combine(folder, "expected.csv"));
        Assert.Equal(59, expected.Count);
        foreach (var row in expected)
        {
            Assert.Contains($"({row["ref"]})", page, StringComparison.Ordinal);
        }

        var (matched, failures) = Tally(
            expected,
            row => printed.TryGetValue(row["ref"], out var ours) ? Compare(row, ours) : ["not printed"]
        );
        Assert.True(failures.Count == 0, $"{matched} rows as printed; differences:\n" + string.Join("\n", failures));
        Assert.Equal(expected.Count(r => r["exception"].Length == 0), matched);
        Assert.True(matched >= 40, $"{matched} of 59 rows as the council printed them");
    }

    [Fact]
    public async Task The_quarterly_overview_report_prints_as_the_council_printed_it()
    {
        var folder = Path.Combine(Repository.Root, "tests", "Outturn.Data.Tests", "Reference", "quarterly");
        using var work = new TempFolder();
        var database = Path.Combine(work.Path, "reference.db");
        await RunAsync(
            database,
            "import",
            "--org",
            "Havering",
            Path.Combine(folder, "measures.csv"),
            Path.Combine(folder, "values.csv")
        );
        // Havering rates in two states: on or better than target, or not.
        await RunAsync(
            database,
            "scheme",
            "set",
            "--org",
            "Havering",
            "--amber-tolerance",
            "0",
            "--blue-margin",
            "none"
        );
        var csv = Path.Combine(work.Path, "quarterly.csv");
        await RunAsync(database, "report", "--layout", "quarterly", "--period", "2017/18 Q1", "-o", csv);
        await RunAsync(
            database,
            "report",
            "--layout",
            "quarterly",
            "--period",
            "2017/18 Q1",
            "-o",
            Path.Combine(work.Path, "quarterly.html")
        );

        var printed = new Dictionary<string, Dictionary<string, string>>();
        foreach (var row in Read(csv))
        {
            if (Regex.Match(row["Indicator"], @"\((?<ref>[A-Z]+\d+)\)$") is { Success: true } found)
            {
                string By(Func<string, bool> header) => row.First(c => header(c.Key)).Value;
                var rag = row["RAG"] switch
                {
                    "Green" => "GREEN",
                    "Red" => "RED",
                    "Amber" => "AMBER",
                    "Blue" => "BLUE",
                    _ => "",
                };
                printed[found.Groups["ref"].Value] = new Dictionary<string, string>
                {
                    ["polarity"] = row["Polarity"],
                    ["annual_target"] = By(h => h.EndsWith("annual target", StringComparison.Ordinal)),
                    ["target"] = row["Q1 2017/18 target"],
                    ["performance"] = row["Q1 2017/18 performance"],
                    ["rag"] = rag,
                    ["previous"] = row["Q4 2016/17"],
                    ["last_year"] = row["Q1 2016/17"],
                    ["analysis"] = row["analysis"].Length > 0 ? "yes" : "no",
                };
            }
        }

        var expected = Read(Path.Combine(folder, "expected.csv"));
        Assert.Equal(34, expected.Count);
        foreach (var row in expected.Where(r => r["performance_period"].Length > 0))
        {
            // A figure for an earlier period than the column's: the council named it in the commentary, Outturn in
            // the cell (issue 12, item 1).
            row["performance"] += $" ({row["performance_period"]})";
        }

        var (matched, failures) = Tally(
            expected,
            row => printed.TryGetValue(row["ref"], out var ours) ? CompareCells(row, ours) : ["not printed"]
        );
        Assert.True(failures.Count == 0, $"{matched} rows as printed; differences:\n" + string.Join("\n", failures));
        Assert.True(matched == 34, $"{matched} of 34 rows as the council printed them");
    }

    /// <summary>Rows matched, and what is wrong: a row without an exception that differs, or a "feature:" exception
    /// that no longer does.</summary>
    private static (int Matched, List<string> Failures) Tally(
        List<Dictionary<string, string>> expected,
        Func<Dictionary<string, string>, List<string>> compare
    )
    {
        var failures = new List<string>();
        var matched = 0;
        foreach (var row in expected)
        {
            var differences = compare(row);
            var exception = row["exception"];
            if (exception.StartsWith("original:", StringComparison.Ordinal))
            {
                continue;
            }

            if (exception.StartsWith("feature:", StringComparison.Ordinal))
            {
                if (differences.Count == 0)
                {
                    failures.Add(
                        $"{row["ref"]}: now prints as the council printed it; take it off the exceptions ({exception})"
                    );
                }
            }
            else if (differences.Count == 0)
            {
                matched++;
            }
            else
            {
                failures.Add($"{row["ref"]}: {string.Join("; ", differences)}");
            }
        }

        return (matched, failures);
    }

    private static readonly HashSet<string> NoFigure =
    [
        "-",
        "New",
        "No data",
        "N/A",
        "New data unavailable",
        "Not applicable",
        "Not collected",
        "To be confirmed",
    ];

    /// <summary>Each expected cell against ours; "(none)" is any of the ways of saying there is no figure.</summary>
    private static List<string> CompareCells(Dictionary<string, string> expected, Dictionary<string, string> ours)
    {
        var differences = new List<string>();
        foreach (var (column, got) in ours)
        {
            var want = expected[column];
            var same = want == "(none)" ? NoFigure.Contains(Normal(got)) : Normal(want) == Normal(got);
            if (!same)
            {
                differences.Add($"{column} '{want}', printed '{got}'");
            }
        }

        return differences;
    }

    private static async Task RunAsync(string database, params string[] args)
    {
        var (exit, output, error) = await Cli.RunAsync(database, args);
        Assert.True(exit == 0, $"outturn {string.Join(' ', args)}\n{output}\n{error}");
    }

    private static List<string> Compare(Dictionary<string, string> expected, Printed ours)
    {
        var differences = new List<string>();
        void Check(string what, string want, string got)
        {
            // "No data", "New data unavailable", "-": every way of saying there is no figure is the same statement.
            var same = NoFigure.Contains(Normal(want)) ? NoFigure.Contains(Normal(got)) : Normal(want) == Normal(got);
            if (!same)
            {
                differences.Add($"{what} '{want}', printed '{got}'");
            }
        }

        Check("direction", expected["direction"], ours.Direction);
        Check("target", expected["target"], ours.Target);
        Check("previous", expected["previous"], ours.Previous);
        if (expected["previous_period"] is { Length: > 0 } previousPeriod)
        {
            Check("previous period", previousPeriod, ours.PreviousPeriod ?? "");
        }

        Check("latest", expected["latest"], ours.Latest);
        if (expected["latest_period"] is { Length: > 0 } latestPeriod)
        {
            Check("latest period", latestPeriod, ours.LatestPeriod ?? "");
        }

        Check("analysis", expected["analysis"], ours.Analysis ? "yes" : "no");
        return differences;
    }

    /// <summary>Thousands separators dropped; an empty cell is "-", as the CSV writes a dash.</summary>
    /// <summary>A cell in Outturn's notation: thousands separators dropped, and a qualifier in brackets in lower
    /// case (one council prints "(Provisional)", Outturn "(provisional)").</summary>
    private static string Normal(string text) =>
        text.Trim() is { Length: > 0 } t
            ? Regex.Replace(
                Regex.Replace(t, @"(?<=\d),(?=\d{3})", ""),
                @"\((Provisional|Forecast|Estimated|Final)\)",
                m => m.Value.ToLowerInvariant()
            )
            : "-";

    /// <summary>Our dashboard's rows by measure ref: the cells of each row's own table (the CSV puts every table's
    /// columns side by side, so a row's previous and latest figures are in whichever such column it has).</summary>
    private static Dictionary<string, Printed> ReadDashboard(string path)
    {
        var rows = new Dictionary<string, Printed>();
        using var csv = CsvDataReader.Create(path);
        var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        while (csv.Read())
        {
            string Cell(string header) => csv.GetString(headers.IndexOf(header));
            if (Regex.Match(Cell("Measure"), @"\((?<ref>[A-Z]+\d+)\)$") is not { Success: true } found)
            {
                continue;
            }

            (string Text, string? Period) Figure(string prefix)
            {
                var column = headers
                    .Select((h, i) => (h, i))
                    .FirstOrDefault(c =>
                        c.h.StartsWith(prefix, StringComparison.Ordinal) && csv.GetString(c.i).Length > 0
                    );
                if (column.h is null)
                {
                    return ("-", null);
                }

                var text = csv.GetString(column.i);
                var heading = Regex.Match(column.h, @"\((?<label>.+)\)$") is { Success: true } m
                    ? m.Groups["label"].Value
                    : null;
                return Labelled.Match(text) is { Success: true } l
                    ? (l.Groups["value"].Value + l.Groups["rest"].Value, l.Groups["label"].Value)
                    : (text, heading);
            }

            var direction = Cell("Direction of travel") switch
            {
                "Improving" or "Increasing" => "↑",
                "Worse" or "Decreasing" => "↓",
                "Same" => "↔",
                "Planned" => "◆",
                _ => "-",
            };
            var previous = Figure("Previous");
            var latest = Figure("Latest");
            rows[found.Groups["ref"].Value] = new Printed(
                direction,
                Cell("Target"),
                previous.Text,
                previous.Period,
                latest.Text,
                latest.Period,
                Cell("analysis").Length > 0
            );
        }

        return rows;
    }

    private static List<Dictionary<string, string>> Read(string path)
    {
        using var csv = CsvDataReader.Create(path);
        var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(headers.Select((h, i) => (h, csv.GetString(i))).ToDictionary(x => x.h, x => x.Item2));
        }

        return rows;
    }
}
