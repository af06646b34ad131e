using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Outturn.Cli.Output;
using Outturn.Data.Comparisons;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Data.Tables;
using Outturn.Domain.Comparisons;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn comparisons import|groups</c>, <c>outturn org set|show</c> and <c>outturn compare</c>: national
/// data, comparator groups and the comparison of an organisation's linked measures (docs/comparisons.md).</summary>
internal static class ComparisonsCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("files")
        {
            Description =
                "CSV files: Outturn's national format, Fingertips' bulk download or a list of areas (told apart by "
                + "their header).",
            Arity = ArgumentArity.OneOrMore,
        };
        var march = new Option<bool>("--year-ends-march")
        {
            Description = "A year written alone (2025) is the financial year to March of it, as DfT publishes.",
        };
        var metric = new Option<string>("--metric")
        {
            Description = "The metric of a file with one column per period (LG Inform's) that does not name it.",
        };
        var title = new Option<string>("--metric-title") { Description = "That metric's title." };
        var unit = new Option<string>("--unit") { Description = "That metric's unit: %, per 100,000, years…" };
        var ratePer = new Option<double?>("--rate-per") { Description = "The N of that metric's rate per N." };
        var polarity = new Option<string>("--polarity")
        {
            Description = "Which way is better for that metric: higher, lower or none.",
        }.AcceptOnlyFromAmong("higher", "lower", "none");
        var import = new Command("import", "Import national and peer data, all or nothing.")
        {
            files,
            march,
            metric,
            title,
            unit,
            ratePer,
            polarity,
        };
        import.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    db =>
                        Rejected(
                            parse,
                            async () =>
                            {
                                var result = await NationalImporter.ImportAsync(
                                    db,
                                    parse.GetValue(files)!,
                                    new NationalImportOptions
                                    {
                                        YearEndsInMarch = parse.GetValue(march),
                                        Metric = parse.GetValue(metric),
                                        MetricTitle = parse.GetValue(title),
                                        Unit = parse.GetValue(unit),
                                        RatePer = parse.GetValue(ratePer),
                                        Polarity = parse.GetValue(polarity),
                                    },
                                    ct
                                );
                                CommonOptions
                                    .Out(parse)
                                    .WriteLine(
                                        $"Imported {result.Values:N0} figures of {result.Metrics:N0} metrics for "
                                            + $"{result.Areas:N0} areas"
                                            + (
                                                result.Breakdowns > 0
                                                    ? $" ({result.Breakdowns:N0} breakdown rows by category left out)."
                                                    : "."
                                            )
                                    );
                            }
                        )
                )
        );

        var groupFile = new Argument<string>("file")
        {
            Description = "A CSV file with the columns group, area_code (and for_area, as_of if wanted).",
        };
        var groups = new Command("groups", "Import comparator groups; each group the file names is replaced wholly.")
        {
            groupFile,
        };
        groups.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    db =>
                        Rejected(
                            parse,
                            async () =>
                            {
                                var stored = await ComparatorGroups.ImportAsync(db, parse.GetValue(groupFile)!, ct);
                                foreach (var (name, members) in stored)
                                {
                                    CommonOptions.Out(parse).WriteLine($"{name}: {members} members");
                                }
                            }
                        )
                )
        );
        return new Command("comparisons", "National and peer data to compare measures with.") { import, groups };
    }

    public static Command BuildOrg()
    {
        var org = CommonOptions.Org(required: false);
        var area = new Option<string>("--area-code") { Description = "The organisation's GSS code, e.g. E06000031." };
        var group = new Option<string>("--group") { Description = "The comparator group it is compared with." };
        var small = new Option<int?>("--small-numbers")
        {
            Description = "Counts below this are suppressed (shown as *) and not ranked; 0 for none. Default 5.",
        };
        var set = new Command("set", "Set the organisation's area, comparator group and small-number threshold.")
        {
            org,
            area,
            group,
            small,
        };
        set.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var found = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var o = await db.Organisations.SingleAsync(x => x.Id == found.Id, ct);
                        if (parse.GetValue(area) is { } code)
                        {
                            o.AreaCode = AreaCode.TryParse(code, out var c, out var error)
                                ? c.ToString()
                                : throw new OutturnException($"--area-code: {error}");
                        }

                        if (parse.GetValue(group) is { } name)
                        {
                            o.ComparatorGroup =
                                name.Length == 0 ? null
                                : await db.ComparatorGroups.AnyAsync(g => g.Name == name, ct) ? name
                                : throw new OutturnException(
                                    $"--group: there is no comparator group named '{name}' (import it with outturn "
                                        + "comparisons groups)."
                                );
                        }

                        if (parse.GetValue(small) is { } n)
                        {
                            o.SmallNumbers = n is >= 0 and <= 1000
                                ? n
                                : throw new OutturnException("--small-numbers: a count from 0 to 1000.");
                        }

                        o.MarkChanged();
                        await db.SaveChangesAsync(ct);
                        CommonOptions.Out(parse).WriteLine(Describe(o));
                        return 0;
                    }
                )
        );
        var showOrg = CommonOptions.Org(required: false);
        var show = new Command("show", "Show the organisation's comparison settings.") { showOrg };
        show.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(showOrg), ct);
                        CommonOptions.Out(parse).WriteLine(Describe(o));
                        return 0;
                    }
                )
        );
        return new Command("org", "The organisation's own settings: its area and comparators.") { set, show };
    }

    public static Command BuildCompare()
    {
        var org = CommonOptions.Org(required: false);
        var period = new Option<string>("--period", "-p")
        {
            Description = "The period; each measure's latest with national figures when left out.",
        };
        var group = new Option<string>("--group")
        {
            Description = "The comparator group (default: the organisation's).",
        };
        var measure = new Option<string>("--ref") { Description = "Only this measure." };
        var format = CommonOptions.Format();
        var command = new Command(
            "compare",
            "Compare each linked measure with its comparator group, England and the region: rank, quartile, average, "
                + "significance."
        )
        {
            org,
            period,
            group,
            measure,
            format,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var p = parse.GetValue(period) is { } text
                            ? CommonOptions.ParsePeriod(text)
                            : (Domain.Periods.Period?)null;
                        var rows = await new ComparisonService(db).CompareAsync(
                            o,
                            p,
                            parse.GetValue(group),
                            parse.GetValue(measure),
                            ct: ct
                        );
                        var shape = parse.GetValue(format)!;
                        Printer.Print(
                            shape == "table" ? ComparisonTable.Readable(rows) : ComparisonTable.Of(rows),
                            shape,
                            writer: CommonOptions.Out(parse),
                            maxWidth: 120
                        );
                        return 0;
                    }
                )
        );
        return command;
    }

    private static string Describe(Data.Entities.Organisation o) =>
        $"{o.Name}: area {o.AreaCode ?? "(none)"}, comparator group {o.ComparatorGroup ?? "(none)"}, "
        + $"small numbers below {o.SmallNumbers} suppressed";

    private static async Task<int> Rejected(ParseResult parse, Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (ImportRejectedException ex)
        {
            return await CommonOptions.RejectedAsync(parse, ex);
        }
    }
}
