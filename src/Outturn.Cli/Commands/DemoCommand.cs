using System.CommandLine;

namespace Outturn.Cli.Commands;

internal static class DemoCommand
{
    public const string DemoOrganisation = "Borsetshire County Council";

    /// <summary>Where the demo council's files are: beside the program, or in the repository's demo/ folder.</summary>
    public static string DemoFolder()
    {
        foreach (
            var candidate in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "demo"),
                Path.Combine(Environment.CurrentDirectory, "demo"),
            }
        )
        {
            if (File.Exists(Path.Combine(candidate, "measures.csv")))
            {
                return candidate;
            }
        }

        throw new OutturnException("The demo files (demo/measures.csv, demo/values.csv) cannot be found.");
    }

    public static Command Build()
    {
        var command = new Command(
            "demo",
            $"Load the demo council ({DemoOrganisation}): a framework with several years of figures."
        );
        command.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var folder = DemoFolder();
                        var code = await ImportCommand.RunAsync(
                            db,
                            parse,
                            DemoOrganisation,
                            [Path.Combine(folder, "measures.csv"), Path.Combine(folder, "values.csv")],
                            "demo",
                            dryRun: false,
                            reason: null,
                            ct
                        );
                        if (code == 0)
                        {
                            await Data.Storage.DemoCouncil.SaveCoveringReportAsync(db, folder, TimeProvider.System, ct);
                            await Data.Storage.DemoCouncil.LoadNationalDataAsync(db, folder, ct);
                            await Data.Storage.DemoCouncil.PublishRecentAsync(
                                db,
                                input => Reports.Model.ReportJson.Write(Reports.ReportBuilder.Build(input)),
                                TimeProvider.System,
                                ct
                            );
                            await Data.Storage.DemoCouncil.StartCycleAsync(db, ct);
                            CommonOptions
                                .Out(parse)
                                .WriteLine(
                                    "Saved a covering report for Cabinet's meeting of 15 May 2018 (outturn report "
                                        + "--covering demo/covering-report.txt, or Covering reports in the web app), "
                                        + "national figures to compare four measures with (outturn compare), "
                                        + "published every committee's dashboards for January to March 2018 (February "
                                        + "corrected once), and added people for the measures' owners, with March "
                                        + "2018's collection round part way through (outturn due --period 2018-03)."
                                );
                        }

                        return code;
                    }
                )
        );
        return command;
    }
}
