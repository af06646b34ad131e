using System.CommandLine;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports;
using Outturn.Reports.Layouts;

namespace Outturn.Cli.Commands;

internal static class ReportCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var layout = new Option<string>("--layout")
        {
            Description =
                "dashboard (monthly committee dashboard), quarterly (quarterly overview), annual (annual results), "
                + "exceptions (every red and amber item with its owner, commentary and corrective action) or "
                + "comparison (linked measures against their comparator group, England and the region).",
            Required = true,
        }.AcceptOnlyFromAmong("dashboard", "quarterly", "annual", "exceptions", "comparison");
        var committee = new Option<string>("--committee")
        {
            Description = "The committee to report to. Default: all committees.",
        };
        var period = new Option<string>("--period", "-p")
        {
            Description =
                "The period. Default: the latest period with figures for the layout (month, quarter or financial "
                + "year).",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "html, pdf, docx, xlsx or csv. Default: from the output file's extension.",
        }.AcceptOnlyFromAmong("html", "pdf", "docx", "xlsx", "csv");
        var output = new Option<string>("--output", "-o") { Description = "The file to write.", Required = true };
        var covering = new Option<string>("--covering")
        {
            Description =
                "A text file with the covering report's sections (## Purpose, ## Recommendations, …); the layout "
                + "becomes its appendix.",
        };
        var charts = new Option<string>("--charts")
        {
            Description =
                "inline (a small trend line in each measure's row, its figures in words; the default), full (a trend "
                + "chart for each measure after its section's table) or none (the tables only).",
        }.AcceptOnlyFromAmong("inline", "full", "none");
        var title = new Option<string>("--title")
        {
            Description =
                "The report's title (with --covering, the covering report's), such as \"Adults Scrutiny: "
                + "performance\". Default: the layout's.",
        };
        var subtitle = new Option<string>("--subtitle")
        {
            Description = "The report's subtitle, such as \"Quarter 2 update\". Default: the period.",
        };
        var command = new Command(
            "report",
            "Write a committee report: dashboard, quarterly overview or annual results, as HTML, PDF, Word, Excel or "
                + "CSV."
        )
        {
            org,
            layout,
            committee,
            period,
            format,
            output,
            covering,
            title,
            subtitle,
            charts,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var service = new EvaluationService(db);
                        var o = await service.FindOrganisationAsync(parse.GetValue(org), ct);
                        var kind = Enum.Parse<ReportLayout>(parse.GetValue(layout)!, ignoreCase: true);
                        var path = parse.GetValue(output)!;
                        var fileFormat =
                            parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
                        if (
                            !Enum.TryParse<ReportFormat>(fileFormat, ignoreCase: true, out var reportFormat)
                            || fileFormat.Length == 0
                        )
                        {
                            throw new OutturnException(
                                $"--format: cannot tell the format from '{path}'; give --format html, pdf, docx, xlsx "
                                    + $"or csv."
                            );
                        }

                        var p = parse.GetValue(period) is { } text
                            ? CommonOptions.ParsePeriod(text)
                            : await service.LatestPeriodAsync(o, NativeKind(kind), ct)
                                ?? throw new OutturnException("There are no figures yet to report on: give --period.");
                        var input = await new ReportInputs(db).ReadAsync(
                            new ReportRequest(
                                o,
                                kind,
                                p,
                                parse.GetValue(committee),
                                TimeProvider.System.GetUtcNow(),
                                parse.GetValue(charts) switch
                                {
                                    "none" => ChartStyle.None,
                                    "full" => ChartStyle.Full,
                                    _ => ChartStyle.Inline,
                                }
                            ),
                            ct
                        );
                        var doc = ReportBuilder.Build(input);
                        var (ownTitle, ownSubtitle) = (
                            Heading(parse.GetValue(title), "--title"),
                            Heading(parse.GetValue(subtitle), "--subtitle")
                        );
                        doc = doc with { Subtitle = ownSubtitle ?? doc.Subtitle };
                        if (parse.GetValue(covering) is null && ownTitle is not null)
                        {
                            doc = doc with { Title = ownTitle };
                        }

                        if (parse.GetValue(covering) is { } coveringFile)
                        {
                            var errors = new List<ImportError>();
                            var draft = File.Exists(coveringFile)
                                ? CoveringDraft.Parse(
                                    Path.GetFileName(coveringFile),
                                    await File.ReadAllTextAsync(coveringFile, ct),
                                    errors
                                )
                                : throw new OutturnException($"--covering: the file '{coveringFile}' does not exist.");
                            var problems = CoveringReport.Check(draft, input.Items);
                            if (errors.Count > 0 || problems.Count > 0)
                            {
                                throw new OutturnException(
                                    "--covering: "
                                        + string.Join("; ", errors.Select(e => e.ToString()).Concat(problems))
                                );
                            }

                            doc = CoveringReport.Build(draft, ownTitle ?? doc.Title, input, doc);
                        }

                        await ReportFormats.WriteAsync(doc, reportFormat, path);
                        CommonOptions
                            .Out(parse)
                            .WriteLine($"Wrote the {parse.GetValue(layout)} report for {p.Label} to {path}.");
                        return 0;
                    }
                )
        );
        return command;
    }

    private static PeriodKind NativeKind(ReportLayout layout) => ReportReading.NativeKind(layout);

    /// <summary>A title or subtitle as given: null when not given; an error when blank or longer than a heading
    /// should be.</summary>
    private static string? Heading(string? text, string option) =>
        OwnHeading.TryRead(text, out var error, out var heading)
            ? heading
            : throw new OutturnException($"{option}: {error}.");
}
