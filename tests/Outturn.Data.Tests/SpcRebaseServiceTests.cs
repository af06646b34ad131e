using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Statistics;

namespace Outturn.Data.Tests;

/// <summary>A measure's control limits worked out afresh from a period: stored, audited, read wherever the chart is
/// drawn (evaluations, reports, <c>outturn spc</c>), and removed again.</summary>
public class SpcRebaseServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rebase_set_by_the_command_reaches_evaluations_and_the_audit_trail_and_is_removed(
        string provider
    )
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var target = test.Target.ConnectionString;
        using var files = new TempFolder();
        // Ten months around 20 from June 2016, then ten around 40 from April 2017.
        decimal[] figures = [20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 40, 41, 39, 40, 42, 38, 40, 41, 39, 40];
        var values = string.Concat(
            figures.Select((v, i) => FormattableString.Invariant($"S1,{Period.Month(2016, 6).Shift(i)},{v}\n"))
        );
        var imported = await Cli.RunAsync(
            target,
            "import",
            "--org",
            "Havering",
            files.Write(
                "measures.csv",
                "ref,title,frequency,polarity,committees\nS1,Sessions,monthly,higher,Cabinet\n"
            ),
            files.Write("values.csv", "ref,period,value\n" + values)
        );
        Assert.True(imported.ExitCode == 0, imported.Error);
        long version;
        await using (var db = await test.OpenAsync())
        {
            version = (await db.Organisations.SingleAsync()).DataVersion;
            Assert.NotEqual(SpcVariation.CommonCause, (await LatestAsync(db)).Chart.Variation);
        }

        var refused = await Cli.RunAsync(target, "spc", "rebase", "--ref", "S1", "--from", "2017-04");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("needs its reason", refused.Error + refused.Out, StringComparison.Ordinal);

        var set = await Cli.RunAsync(
            target,
            "spc",
            "rebase",
            "--ref",
            "S1",
            "--from",
            "2017-04",
            "--reason",
            "New service model from April 2017"
        );
        Assert.True(set.ExitCode == 0, set.Error);
        await using (var db = await test.OpenAsync())
        {
            var chart = await LatestAsync(db);
            Assert.Equal(10, Assert.Single(chart.Rebases).Index);
            Assert.Equal(40, chart.Chart.Points[^1].Mean, 9);
            Assert.Equal(SpcVariation.CommonCause, chart.Chart.Variation);
            Assert.True((await db.Organisations.SingleAsync()).DataVersion > version);
            Assert.Contains(
                await db.AuditEvents.Where(e => e.Kind == AuditKinds.FrameworkChanged).ToListAsync(),
                e =>
                    e.Subject == "measure S1"
                    && e.Detail == "control limits worked out afresh from April 2017: New service model from April 2017"
            );
        }

        var shown = await Cli.RunAsync(target, "spc", "--ref", "S1");
        Assert.Contains(
            "Limits worked out afresh from April 2017: New service model from April 2017",
            shown.Out,
            StringComparison.Ordinal
        );

        var removed = await Cli.RunAsync(target, "spc", "rebase", "--ref", "S1", "--from", "2017-04", "--remove");
        Assert.True(removed.ExitCode == 0, removed.Error);
        await using (var db = await test.OpenAsync())
        {
            Assert.Empty((await LatestAsync(db)).Rebases);
            Assert.Equal(0, await db.SpcRebases.CountAsync());
        }

        var again = await Cli.RunAsync(target, "spc", "rebase", "--ref", "S1", "--from", "2017-04", "--remove");
        Assert.Equal(1, again.ExitCode);
    }

    /// <summary>The chart as the committee's evaluation draws it, for the latest month.</summary>
    private static async Task<MeasureSpcChart> LatestAsync(OutturnDbContext db)
    {
        var org = await db.Organisations.SingleAsync();
        var evaluation = Assert.Single(
            await new EvaluationService(db).EvaluateAsync(org, Period.Month(2018, 1), "Cabinet")
        );
        return Assert.IsType<MeasureSpcChart>(evaluation.Spc());
    }
}
