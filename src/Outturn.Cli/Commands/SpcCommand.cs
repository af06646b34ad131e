using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Outturn.Cli.Output;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Rating;
using Outturn.Domain.Statistics;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn spc</c>: a measure's XmR chart by the Making Data Count rules, one row per figure.</summary>
internal static class SpcCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var format = CommonOptions.Format();
        var reference = new Option<string>("--ref") { Description = "The measure's reference.", Required = true };
        var screen = new Option<bool>("--screen-outliers")
        {
            Description =
                "Leave moving ranges above 3.267 times their mean out of the limits (as the measure's "
                + "spc_screen setting does; off by default).",
        };
        var command = new Command(
            "spc",
            "A measure's statistical process control (XmR) chart: each figure with the mean, the process limits, "
                + "its type (common or special cause, improvement or concern) and the rule that made it special; "
                + "then the variation and assurance."
        )
        {
            org,
            reference,
            format,
            screen,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var wanted = parse.GetValue(reference)!;
                        var item =
                            await db
                                .Items.AsNoTracking()
                                .Include(i => i.SpcRebases)
                                .FirstOrDefaultAsync(i => i.OrganisationId == o.Id && i.Ref == wanted, ct)
                            ?? throw new OutturnException($"--ref: '{wanted}' is not a measure of {o.Name}.");
                        var entries = await db.Entries.AsNoTracking().Where(e => e.ItemId == item.Id).ToListAsync(ct);
                        var profile =
                            item.ToProfile() is var own && parse.GetValue(screen)
                                ? own with
                                {
                                    SpcScreenOutliers = true,
                                }
                                : own;
                        var chart =
                            MeasureSpc.Analyse(profile, new ItemSeries(entries.Select(e => e.ToDomain())))
                            ?? throw new OutturnException(
                                $"{item.Ref} has fewer than {MeasureSpc.MinimumFigures} figures in its own periods: "
                                    + "there is no chart to draw."
                            );
                        var output = CommonOptions.Out(parse);
                        Printer.Print(SpcTable.Of(chart), parse.GetValue(format)!, writer: output, maxWidth: 100);
                        if (parse.GetValue(format) is not ("csv" or "json"))
                        {
                            output.WriteLine(
                                $"Variation: {MeasureSpc.Words(chart.Chart.Variation)}. Assurance: "
                                    + (
                                        chart.Chart.Assurance is { } a
                                            ? MeasureSpc.Words(a)
                                            : "none (no target or polarity)"
                                    )
                                    + (chart.Chart.TrialLimits ? ". Trial limits: fewer than 13 figures." : ".")
                            );
                            if (MeasureSpc.Settings(profile) is { } settings)
                            {
                                output.WriteLine(settings);
                            }

                            foreach (var (index, rebase) in chart.Rebases)
                            {
                                output.WriteLine(
                                    $"Limits worked out afresh from {chart.Periods[index].Label}: {rebase.Reason}"
                                );
                            }
                        }

                        return 0;
                    }
                )
        );
        command.Subcommands.Add(Rebase());
        return command;
    }

    /// <summary><c>outturn spc rebase</c>: work a measure's control limits out afresh from a period, saying why, or
    /// no longer.</summary>
    private static Command Rebase()
    {
        var org = CommonOptions.Org(required: false);
        var reference = new Option<string>("--ref") { Description = "The measure's reference.", Required = true };
        var from = new Option<string>("--from")
        {
            Description = "The period from which the limits are worked out afresh (the first figure in or after it).",
            Required = true,
        };
        var reason = new Option<string?>("--reason")
        {
            Description = "Why, shown on the chart beside the step (\"new service model from April 2017\").",
        };
        var remove = new Option<bool>("--remove") { Description = "Stop working the limits out afresh there." };
        var command = new Command(
            "rebase",
            "Work a measure's control limits out afresh from a period, with the reason (or --remove it)."
        )
        {
            org,
            reference,
            from,
            reason,
            remove,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var key = Data.Entities.Item.KeyOf(parse.GetValue(reference)!);
                        var item =
                            await db.Items.FirstOrDefaultAsync(i => i.OrganisationId == o.Id && i.RefKey == key, ct)
                            ?? throw new OutturnException(
                                $"--ref: '{parse.GetValue(reference)}' is not a measure of {o.Name}."
                            );
                        var period = CommonOptions.ParsePeriod(parse.GetValue(from)!);
                        var service = new SpcRebaseService(db, TimeProvider.System);
                        var output = CommonOptions.Out(parse);
                        if (parse.GetValue(remove))
                        {
                            if (!await service.RemoveAsync(item, period, db.Actor, ct))
                            {
                                throw new OutturnException(
                                    $"{item.Ref}'s limits are not worked out afresh from {period.Label}."
                                );
                            }

                            await output.WriteLineAsync(
                                $"{item.Ref}: limits no longer worked out afresh from {period.Label}."
                            );
                            return 0;
                        }

                        await service.SetAsync(item, period, parse.GetValue(reason) ?? "", db.Actor, ct);
                        await output.WriteLineAsync($"{item.Ref}: limits worked out afresh from {period.Label}.");
                        return 0;
                    }
                )
        );
        return command;
    }
}
