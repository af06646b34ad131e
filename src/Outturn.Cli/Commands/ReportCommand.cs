using System.CommandLine;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Reports;
using Outturn.Reports.Layouts;

namespace Outturn.Cli.Commands;

internal static class ReportCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var layout = new Option<string>("--layout") { Description = "dashboard (monthly committee dashboard), quarterly (quarterly overview) or annual (annual results).", Required = true }
            .AcceptOnlyFromAmong("dashboard", "quarterly", "annual");
        var committee = new Option<string>("--committee") { Description = "The committee to report to. Default: all committees." };
        var period = new Option<string>("--period", "-p") { Description = "The period. Default: the latest period with figures for the layout (month, quarter or financial year)." };
        var format = new Option<string>("--format", "-f") { Description = "html, pdf, docx, xlsx or csv. Default: from the output file's extension." }
            .AcceptOnlyFromAmong("html", "pdf", "docx", "xlsx", "csv");
        var output = new Option<string>("--output", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("report", "Write a committee report: dashboard, quarterly overview or annual results, as HTML, PDF, Word, Excel or CSV.")
        {
            org, layout, committee, period, format, output,
        };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(parse, async db =>
        {
            var service = new EvaluationService(db);
            var o = await service.FindOrganisationAsync(parse.GetValue(org), ct);
            var kind = Enum.Parse<ReportLayout>(parse.GetValue(layout)!, ignoreCase: true);
            var path = parse.GetValue(output)!;
            var fileFormat = parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
            if (!Enum.TryParse<ReportFormat>(fileFormat, ignoreCase: true, out var reportFormat) || fileFormat.Length == 0)
            {
                throw new OutturnException($"--format: cannot tell the format from '{path}'; give --format html, pdf, docx, xlsx or csv.");
            }

            var p = parse.GetValue(period) is { } text ? CommonOptions.ParsePeriod(text)
                : await service.LatestPeriodAsync(o, NativeKind(kind), ct) ?? throw new OutturnException("There are no figures yet to report on: give --period.");
            var doc = await new ReportBuilder(db).BuildAsync(new ReportRequest(o, kind, p, parse.GetValue(committee), TimeProvider.System.GetUtcNow()), ct);
            await ReportFormats.WriteAsync(doc, reportFormat, path);
            Console.WriteLine($"Wrote the {parse.GetValue(layout)} report for {p.Label} to {path}.");
            return 0;
        }));
        return command;
    }

    private static PeriodKind NativeKind(ReportLayout layout) => layout switch
    {
        ReportLayout.Dashboard => PeriodKind.Month,
        ReportLayout.Quarterly => PeriodKind.FinancialQuarter,
        _ => PeriodKind.FinancialYear,
    };
}
