using System.CommandLine;
using Outturn.Data.Storage;

namespace Outturn.Cli.Commands;

internal static class ExportCommand
{
    public static Command Build()
    {
        var org = CommonOptions.Org(required: false);
        var output = new Option<string>("--out", "-o")
        {
            Description = "The folder to write measures.csv and values.csv into.",
            Required = true,
        };
        var command = new Command("export", "Write an organisation's framework and figures in the interchange format.")
        {
            org,
            output,
        };
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var o = await new EvaluationService(db).FindOrganisationAsync(parse.GetValue(org), ct);
                        var (items, values) = await new Exporter(db).ExportAsync(o, parse.GetValue(output)!, ct);
                        CommonOptions
                            .Out(parse)
                            .WriteLine(
                                $"Exported {items} items and {values} values of '{o.Name}' to {parse.GetValue(output)}."
                            );
                        return 0;
                    }
                )
        );
        return command;
    }
}
