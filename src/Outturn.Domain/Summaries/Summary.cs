using Outturn.Domain.Framework;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Summaries;

/// <summary>One item's contribution to a summary.</summary>
public readonly record struct SummaryInput(
    ItemKind Kind,
    Rag Rating,
    Direction? Direction,
    DirectionMethod Method = DirectionMethod.TwoPoint,
    Statistics.SpcVariation? Variation = null
);

/// <summary>
/// The summary councils publish over a set of items for a period ("68% met or exceeded target or on track",
/// "39% improved"), with the distributions of ratings and directions behind it.
/// </summary>
public sealed record Summary
{
    /// <summary>Items (measures and actions) rated blue, green, amber or red.</summary>
    public int ItemsRated { get; init; }

    /// <summary>Items rated blue or green.</summary>
    public int MetOrOnTrack { get; init; }
    public int MetOrOnTrackPercent => Percentages.Of(MetOrOnTrack, ItemsRated);

    /// <summary>Measures whose direction is improving, same, planned or deteriorating.</summary>
    public int MeasuresWithDirection { get; init; }
    public int Improved { get; init; }
    public int ImprovedPercent => Percentages.Of(Improved, MeasuresWithDirection);

    public int RatedMeasures => BlueGreen + Amber + Red;
    public int BlueGreen { get; init; }
    public int Amber { get; init; }
    public int Red { get; init; }

    /// <summary>Blue+green, amber and red as whole percentages adding up to 100.</summary>
    public IReadOnlyList<int> RatingPercents => Percentages.LargestRemainder([BlueGreen, Amber, Red]);

    public int Improving { get; init; }

    /// <summary>Of <see cref="MeasuresWithDirection"/>, those whose direction was worked out by statistical process
    /// control (the rest against one earlier figure): a summary says which method its "% improved" follows.</summary>
    public int DirectionsBySpc { get; init; }

    /// <summary>Measures whose latest figure is a special cause of concern by statistical process control (the
    /// committee's "is anything really getting worse?"; docs/spc.md).</summary>
    public int SpecialCauseConcerns { get; init; }

    /// <summary>Measures whose latest figure is a special cause of improvement.</summary>
    public int SpecialCauseImprovements { get; init; }

    /// <summary>Same, with planned and no significant change counted as same.</summary>
    public int Same { get; init; }
    public int Deteriorating { get; init; }

    /// <summary>Improving, same and deteriorating as whole percentages adding up to 100.</summary>
    public IReadOnlyList<int> DirectionPercents => Percentages.LargestRemainder([Improving, Same, Deteriorating]);

    public static Summary Of(IEnumerable<SummaryInput> items)
    {
        int rated = 0,
            met = 0,
            withDirection = 0,
            improved = 0,
            blueGreen = 0,
            amber = 0,
            red = 0,
            same = 0,
            worse = 0,
            bySpc = 0,
            concerns = 0,
            improvements = 0;
        foreach (var item in items)
        {
            if (item.Rating.IsRated())
            {
                rated++;
                met += item.Rating.IsMetOrOnTrack() ? 1 : 0;
            }

            if (item.Kind != ItemKind.Measure)
            {
                continue;
            }

            blueGreen += item.Rating.IsMetOrOnTrack() ? 1 : 0;
            amber += item.Rating == Rag.Amber ? 1 : 0;
            red += item.Rating == Rag.Red ? 1 : 0;
            concerns += item.Variation == Statistics.SpcVariation.Concern ? 1 : 0;
            improvements += item.Variation == Statistics.SpcVariation.Improvement ? 1 : 0;
            if (item.Direction is { } d && d.IsJudged())
            {
                withDirection++;
                improved += d == Direction.Improving ? 1 : 0;
                same += d is Direction.Same or Direction.Planned or Direction.NoSignificantChange ? 1 : 0;
                worse += d == Direction.Deteriorating ? 1 : 0;
                bySpc += item.Method == DirectionMethod.Spc ? 1 : 0;
            }
        }

        return new Summary
        {
            ItemsRated = rated,
            MetOrOnTrack = met,
            MeasuresWithDirection = withDirection,
            Improved = improved,
            BlueGreen = blueGreen,
            Amber = amber,
            Red = red,
            Improving = improved,
            Same = same,
            Deteriorating = worse,
            DirectionsBySpc = bySpc,
            SpecialCauseConcerns = concerns,
            SpecialCauseImprovements = improvements,
        };
    }
}
