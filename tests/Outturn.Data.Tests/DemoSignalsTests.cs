using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Statistics;

namespace Outturn.Data.Tests;

/// <summary>The demo council shows every statistical process control signal somewhere (docs/spc.md), so that a
/// council trying Outturn sees each icon and rule on real-looking figures.</summary>
public class DemoSignalsTests
{
    [Fact]
    public async Task The_demo_has_every_kind_of_point_every_rule_and_every_assurance()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", demo: true);
        await using var db = await test.OpenAsync();
        var org = await db.Organisations.SingleAsync();
        var charts = (await new EvaluationService(db).EvaluateAsync(org, Period.Month(2018, 3)))
            .Select(i => i.Spc())
            .OfType<MeasureSpcChart>()
            .ToList();
        var points = charts.SelectMany(c => c.Chart.Points).ToList();
        Assert.Equal(Enum.GetValues<SpcVariation>().Order(), points.Select(p => p.Variation).Distinct().Order());
        Assert.Equal(Enum.GetValues<SpcRule>().Order(), points.Select(p => p.Rule).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<SpcAssurance>().Order(),
            charts.Select(c => c.Chart.Assurance).OfType<SpcAssurance>().Distinct().Order()
        );
        // At the latest figure, where the icons are drawn: improvement, concern and a neutral signal beside common
        // cause.
        Assert.Superset(
            new HashSet<SpcVariation>
            {
                SpcVariation.CommonCause,
                SpcVariation.Improvement,
                SpcVariation.Concern,
                SpcVariation.NeutralLow,
            },
            charts.Select(c => c.Chart.Variation).ToHashSet()
        );
    }
}
