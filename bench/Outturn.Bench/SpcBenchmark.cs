using System.Diagnostics;
using System.Globalization;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Statistics;
using Outturn.Domain.Values;

namespace Outturn.Bench;

/// <summary>
/// Statistical process control at a dashboard's size (issue 16): 100 monthly measures of 60 figures each, their XmR
/// charts worked out (<see cref="MeasureSpc.Analyse"/>, as the dashboard asks for each row), beside the baseline the
/// dashboard already pays for the same measures — each one's evaluation for its latest month (rating, direction,
/// previous figure; <see cref="Evaluator.Evaluate"/>) — alternating in rounds, from fixed random figures.
/// </summary>
internal static class SpcBenchmark
{
    private const int Measures = 100;
    private const int Points = 60;

    public static int Run(int rounds)
    {
        var random = new Random(16);
        var first = Period.Month(2020, 4);
        var profile = new MeasureProfile { Polarity = Polarity.HigherIsBetter, Unit = Unit.Percentage };
        var scheme = new RatingScheme();
        var series = Enumerable
            .Range(0, Measures)
            .Select(_ => new ItemSeries(
                Enumerable
                    .Range(0, Points)
                    .Select(i => new PeriodEntry
                    {
                        Period = first.Shift(i),
                        Value = OutturnValue.Of(Math.Round((decimal)(50 + (random.NextDouble() * 10)), 1)),
                        Target = Target.Of(55),
                    })
                    .ToList()
            ))
            .ToList();
        var latest = first.Shift(Points - 1);
        var spc = new List<double>();
        var evaluation = new List<double>();
        var signals = 0;
        // Fifty rounds first, not counted: the runtime compiles both loops again, optimised, after their first calls
        // (tiered compilation), which the earliest rounds would otherwise pay for.
        const int warmUp = 50;
        for (var round = 1 - warmUp; round <= rounds; round++)
        {
            var e = Time(() =>
            {
                foreach (var s in series)
                {
                    _ = Evaluator.Evaluate(profile, scheme, s, latest);
                }
            });
            var c = Time(() =>
            {
                signals = 0;
                foreach (var s in series)
                {
                    if (MeasureSpc.Analyse(profile, s, latest)?.Chart.Variation is not SpcVariation.CommonCause)
                    {
                        signals++;
                    }
                }
            });
            if (round > 0)
            {
                evaluation.Add(e);
                spc.Add(c);
            }
        }

        var ratios = spc.Select((t, i) => t / evaluation[i]).ToList();
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {Measures} measures × {Points} figures | evaluation {Median(evaluation):F2} ms | SPC "
                    + $"{Median(spc):F2} ms ({spc.Min():F2}–{spc.Max():F2}) | "
                    + $"**{Median(spc) / Median(evaluation):F2}×** "
                    + $"(rounds' own {Median(ratios):F2}×) | {signals} special-cause |"
            )
        );
        return 0;
    }

    private static double Time(Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
}
