namespace Outturn.Domain.Rating;

/// <summary>A red/amber/green rating, with blue for exceeded and two "not rated" states.</summary>
public enum Rag
{
    Blue,
    Green,
    Amber,
    Red,
    NoTarget,
    NoData,
}

/// <summary>Direction of travel against an earlier period.</summary>
public enum Direction
{
    Improving,
    Same,
    Deteriorating,
    Planned,
    Increasing,
    Decreasing,
    New,

    /// <summary>By statistical process control: the latest figure is within common-cause variation.</summary>
    NoSignificantChange,
}

public static class RatingWords
{
    public static bool IsRated(this Rag rag) => rag is Rag.Blue or Rag.Green or Rag.Amber or Rag.Red;

    public static bool IsMetOrOnTrack(this Rag rag) => rag is Rag.Blue or Rag.Green;

    /// <summary>A direction that says better, same or worse (counted in "% improved"); no significant change
    /// counts as the same.</summary>
    public static bool IsJudged(this Direction direction) =>
        direction
            is Direction.Improving
                or Direction.Same
                or Direction.Planned
                or Direction.Deteriorating
                or Direction.NoSignificantChange;

    public static string Word(this Rag rag) =>
        rag switch
        {
            Rag.Blue => "Blue",
            Rag.Green => "Green",
            Rag.Amber => "Amber",
            Rag.Red => "Red",
            Rag.NoTarget => "No target",
            _ => "No data",
        };
}
