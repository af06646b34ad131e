using System.CommandLine;
using Outturn.Data.Storage;

namespace Outturn.Cli.Commands;

internal static class SchemeCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: true);
        var amber = new Option<string>("--amber-tolerance")
        {
            Description =
                "Worse than target by up to this is amber: 5% (of target), 2pt (absolute) or 0 (two-state: no amber).",
        };
        var blue = new Option<string>("--blue-margin")
        {
            Description = "Better than target by more than this is blue: 2%, 1pt, or none.",
        };
        var missing = new Option<string>("--missing")
        {
            Description = "How a measure with a target but no figure is rated: no_data or amber.",
        };
        var direction = new Option<string>("--direction-tolerance")
        {
            Description = "A change no larger than this is 'same' in direction of travel: 1%, 0.5pt or 0.",
        };
        var style = new Option<string>("--direction-style")
        {
            Description = "How directions of travel are shown: judged (improving or worse), raw (up or down) or none.",
        };
        var method = new Option<string>("--direction-method")
        {
            Description =
                "How directions of travel are worked out: two_point (against the figure compared with) or spc "
                + "(a change only beyond the usual variation, by statistical process control; docs/spc.md).",
        };
        var set = new Command("set", "Change the organisation's rating scheme.")
        {
            org,
            amber,
            blue,
            missing,
            direction,
            style,
            method,
        };
        set.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new SchemeService(db).SetAsync(
                            parse.GetValue(org)!,
                            parse.GetValue(amber),
                            parse.GetValue(blue),
                            parse.GetValue(missing),
                            parse.GetValue(direction),
                            parse.GetValue(style),
                            parse.GetValue(method),
                            ct
                        );
                        Print(parse, o);
                        return 0;
                    }
                )
        );

        var showOrg = CommonOptions.Org(required: false);
        var show = new Command("show", "Show the organisation's rating scheme.") { showOrg };
        show.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        Print(
                            parse,
                            await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(showOrg), ct)
                        );
                        return 0;
                    }
                )
        );
        return new Command("scheme", "The rating scheme: how figures are rated against targets.") { set, show };
    }

    private static void Print(ParseResult parse, Data.Entities.Organisation o) =>
        CommonOptions
            .Out(parse)
            .WriteLine(
                $"{o.Name}: amber tolerance {o.AmberTolerance}; blue margin {o.BlueMargin ?? "none"}; missing figures "
                    + $"rated {o.MissingRating}; direction tolerance {o.DirectionTolerance}; directions shown "
                    + $"{o.DirectionStyle}, worked out {o.DirectionMethod}"
            );
}
