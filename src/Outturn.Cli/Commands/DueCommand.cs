using System.CommandLine;
using Outturn.Cli.Output;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;
using Outturn.Data.Tables;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn due</c>: every figure due for a period, who owes it, by when, and where it stands.</summary>
internal static class DueCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var period = CommonOptions.Period();
        var format = CommonOptions.Format();
        var state = new Option<string[]>("--state")
        {
            Description = "Only figures in these states (due, entered, submitted, approved, returned, overdue).",
            AllowMultipleArgumentsPerToken = true,
        }.AcceptOnlyFromAmong("due", "entered", "submitted", "approved", "returned", "overdue");
        var command = new Command(
            "due",
            "List every figure due for a period: its owner, deadline (working days after the period ends), state "
                + "and days overdue."
        )
        {
            org,
            period,
            format,
            state,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var p = CommonOptions.ParsePeriod(parse.GetValue(period)!);
                        var rows = await new CollectionService(db, TimeProvider.System).DueAsync(o, p, ct);
                        var states = parse.GetValue(state) ?? [];
                        var shown =
                            states.Length == 0
                                ? rows
                                :
                                [
                                    .. rows.Where(r =>
                                        states.Contains(Domain.Cycle.CollectionRules.Code(r.Standing.State))
                                    ),
                                ];
                        Printer.Print(
                            CollectionTable.Of(shown),
                            parse.GetValue(format)!,
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
