using System.CommandLine;
using Outturn.Cli.Output;
using Outturn.Data.Storage;
using Outturn.Data.Tables;

namespace Outturn.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var period = CommonOptions.Period();
        var format = CommonOptions.Format();
        var command = new Command(
            "evaluate",
            "Rate every measure and action for a period, with direction of travel and the reason in words."
        )
        {
            org,
            period,
            format,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var service = new EvaluationService(db);
                        var o = await service.FindOrganisationAsync(parse.GetValue(org), ct);
                        var evaluations = await service.EvaluateAsync(
                            o,
                            CommonOptions.ParsePeriod(parse.GetValue(period)!),
                            ct
                        );
                        Printer.Print(
                            EvaluationTable.Evaluations(evaluations),
                            parse.GetValue(format)!,
                            [
                                "ref",
                                "title",
                                "period",
                                "value",
                                "target",
                                "rating",
                                "direction_short",
                                "direction_long",
                            ],
                            CommonOptions.Out(parse)
                        );
                        return 0;
                    }
                )
        );
        return command;
    }
}
