using System.CommandLine;
using System.Globalization;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn locks</c>: lists an organisation's locked months, locks one, or unlocks one with a reason
/// (<see cref="Domain.Cycle.PeriodLocks"/>).</summary>
internal static class LocksCommand
{
    public static Command Build()
    {
        var command = new Command(
            "locks",
            "List the locked months; 'locks add' locks a month that has ended, 'locks remove' unlocks one. A locked "
                + "month's figures change only with a reason (outturn import --reason, or a performance officer in the "
                + "web app)."
        );
        var listOrg = CommonOptions.Org(required: false);
        command.Options.Add(listOrg);
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var org = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(listOrg), ct);
                        var locks = await new PeriodLockService(db, TimeProvider.System).ListAsync(org, ct);
                        var output = CommonOptions.Out(parse);
                        if (locks.Count == 0)
                        {
                            await output.WriteLineAsync($"No month of '{org.Name}' is locked.");
                        }

                        foreach (var l in locks)
                        {
                            await output.WriteLineAsync(
                                $"{l.Month}\t{l.Month.Label}\tlocked on "
                                    + $"{l.At.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} by {l.By}"
                            );
                        }

                        return 0;
                    }
                )
        );

        var addOrg = CommonOptions.Org(required: false);
        var addPeriod = CommonOptions.Period();
        var add = new Command("add", "Lock a month that has ended.") { addOrg, addPeriod };
        add.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var org = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(addOrg), ct);
                        var month = CommonOptions.ParsePeriod(parse.GetValue(addPeriod)!);
                        var locked = await new PeriodLockService(db, TimeProvider.System).LockAsync(
                            org,
                            month,
                            db.Actor,
                            ct
                        );
                        await CommonOptions.Out(parse).WriteLineAsync($"Locked: {locked.Describe()}.");
                        return 0;
                    }
                )
        );

        var removeOrg = CommonOptions.Org(required: false);
        var removePeriod = CommonOptions.Period();
        var reason = new Option<string>("--reason")
        {
            Description = "Why the month is being unlocked (kept in the audit trail).",
            Required = true,
        };
        var remove = new Command("remove", "Unlock a locked month, saying why.") { removeOrg, removePeriod, reason };
        remove.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var org = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(removeOrg), ct);
                        var month = CommonOptions.ParsePeriod(parse.GetValue(removePeriod)!);
                        await new PeriodLockService(db, TimeProvider.System).UnlockAsync(
                            org,
                            month,
                            db.Actor,
                            parse.GetValue(reason)!,
                            ct
                        );
                        await CommonOptions.Out(parse).WriteLineAsync($"Unlocked {month.Label}.");
                        return 0;
                    }
                )
        );

        command.Subcommands.Add(add);
        command.Subcommands.Add(remove);
        return command;
    }
}
