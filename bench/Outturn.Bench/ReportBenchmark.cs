using System.Diagnostics;
using System.Globalization;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports;
using Outturn.Reports.Writers;

namespace Outturn.Bench;

/// <summary>
/// An annual report of 200 items (170 measures with trend charts, 30 actions), built from the database and written
/// as HTML (the baseline: the same report in the cheapest format), Word and PDF, in the same run.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(int runs)
    {
        var dir = Directory.CreateTempSubdirectory("outturn-bench-").FullName;
        try
        {
            var target = DatabaseTarget.Parse(Path.Combine(dir, "report.db"));
            await using var db = await target.OpenAsync();
            await new Importer(db, TimeProvider.System).ImportAsync("Bench", Generate(dir), "bench");
            var org = await new EvaluationService(db).FindOrganisationAsync("Bench");
            var request = new ReportRequest(
                org,
                ReportLayout.Annual,
                Period.FinancialYear(2017),
                null,
                DateTimeOffset.UtcNow
            );
            var inputs = new ReportInputs(db);
            async Task<Reports.Model.ReportDocument> BuildAsync() =>
                ReportBuilder.Build(await inputs.ReadAsync(request));
            await using var pdf = await PdfWriter.StartAsync();

            var html = new List<double>();
            var word = new List<double>();
            var print = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var h = await Time(async () => HtmlWriter.Write(await BuildAsync()));
                var w = await Time(async () =>
                {
                    var doc = await BuildAsync();
                    await using var file = File.Create(Path.Combine(dir, "annual.docx"));
                    DocxWriter.Write(doc, file);
                });
                var p = await Time(async () =>
                {
                    var doc = await BuildAsync();
                    await File.WriteAllBytesAsync(
                        Path.Combine(dir, "annual.pdf"),
                        await pdf.WriteAsync(HtmlWriter.Write(doc), doc.Title)
                    );
                });
                if (run > 0)
                {
                    // Run 0 warms up (JIT, Chromium's first page) and is not counted.
                    html.Add(h);
                    word.Add(w);
                    print.Add(p);
                }

                Console.Error.WriteLine($"run {run}: html {h:F2} s, docx {w:F2} s, pdf {p:F2} s");
            }

            var items = (await new EvaluationService(db).EvaluateAsync(org, request.Period)).Count;
            double b = Median(html),
                wd = Median(word),
                pd = Median(print);
            // Each round's own ratios, whose median a drift of the machine's speed within the run moves less.
            double ownWord = Median([.. word.Zip(html, (w, h) => w / h)]),
                ownPdf = Median([.. print.Zip(html, (p, h) => p / h)]);
            Console.WriteLine("| annual report | HTML (baseline) | Word (.docx) | PDF (Chromium) |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {items} items, {new FileInfo(Path.Combine(dir, "annual.pdf")).Length / 1024:N0} KB PDF, "
                        + $"{new FileInfo(Path.Combine(dir, "annual.docx")).Length / 1024:N0} KB docx | {b:F2} s | "
                        + $"{wd:F2} s ({wd / b:F1}×; rounds' own {ownWord:F1}×) | {pd:F2} s ({pd / b:F1}×; rounds' own "
                        + $"{ownPdf:F1}×) |"
                )
            );
            Console.WriteLine(
                $"median of {runs} runs after one warm-up; each time builds the report from the database and writes it"
            );
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> Time(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static string[] Generate(string dir)
    {
        var measures = Path.Combine(dir, "measures.csv");
        var values = Path.Combine(dir, "values.csv");
        var random = new Random(7);
        using (var m = new StreamWriter(measures))
        using (var v = new StreamWriter(values))
        {
            m.WriteLine("ref,title,kind,priority,theme,committees,unit,polarity,frequency,decimals");
            v.WriteLine("ref,period,value,target,status,commentary");
            for (var i = 0; i < 200; i++)
            {
                var action = i >= 170;
                var reference = $"{(action ? "A" : "M")}{i:D3}";
                m.WriteLine(
                    $"{reference},{(action ? "Deliver project" : "Measure of service performance")} "
                        + $"{i},{(action ? "action" : "measure")},Priority {i % 4},Theme {i % 12},Committee "
                        + $"{i % 3},percentage,higher,quarterly,1"
                );
                for (var year = 2015; year <= 2017; year++)
                {
                    for (var q = 1; q <= 4; q++)
                    {
                        var period = $"{year}/{(year + 1) % 100:D2} Q{q}";
                        v.WriteLine(
                            action
                                ? $"{reference},{period},,,"
                                    + $"{(random.Next(4) == 0 ? "some_slippage" : "on_track")},Progress as planned."
                                : string.Create(
                                    CultureInfo.InvariantCulture,
                                    $"{reference},{period},{60 + (random.NextDouble() * 40):F1},85,,\"Performance "
                                        + $"this quarter, with context.\""
                                )
                        );
                    }
                }
            }
        }

        return [measures, values];
    }
}
