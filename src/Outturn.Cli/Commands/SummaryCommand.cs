using System.CommandLine;
using Outturn.Cli.Output;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Summaries;

namespace Outturn.Cli.Commands;

internal static class SummaryCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var period = CommonOptions.Period();
        var format = CommonOptions.Format();
        var by = new Option<string>("--by")
        {
            Description = "Group by priority or committee.",
            DefaultValueFactory = _ => "priority",
        }.AcceptOnlyFromAmong("priority", "committee");
        var years = new Option<int>("--years")
        {
            Description = "How many years to show side by side (the period, then the same period in earlier years).",
            DefaultValueFactory = _ => 1,
        };
        var direction = new Option<string>("--direction")
        {
            Description = "Count '% improved' against the same period last year (long) or the previous period (short).",
            DefaultValueFactory = _ => "long",
        }.AcceptOnlyFromAmong("long", "short");
        var command = new Command(
            "summary",
            "Summarise ratings and directions of travel by priority or committee, as annual reports print them."
        )
        {
            org,
            period,
            by,
            format,
            years,
            direction,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var service = new EvaluationService(db);
                        var o = await service.FindOrganisationAsync(parse.GetValue(org), ct);
                        var grouping =
                            parse.GetValue(by) == "committee" ? SummaryGrouping.Committee : SummaryGrouping.Priority;
                        var basis =
                            parse.GetValue(direction) == "short" ? DirectionBasis.ShortTerm : DirectionBasis.LongTerm;
                        var count = parse.GetValue(years);
                        if (count is < 1 or > 10)
                        {
                            throw new OutturnException($"--years {count}: expected 1 to 10.");
                        }

                        var summaries = await service.SummariseAsync(
                            o,
                            CommonOptions.ParsePeriod(parse.GetValue(period)!),
                            grouping,
                            basis,
                            count,
                            ct: ct
                        );
                        // Scripts get the machine columns (CSV, JSON); people get words and counts beside percentages.
                        var shape = parse.GetValue(format)!;
                        Printer.Print(
                            shape == "table"
                                ? EvaluationTable.SummariesInWords(summaries)
                                : EvaluationTable.Summaries(summaries),
                            shape,
                            writer: CommonOptions.Out(parse),
                            maxWidth: 100
                        );
                        return 0;
                    }
                )
        );
        return command;
    }
}
