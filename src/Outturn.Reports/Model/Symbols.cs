using Outturn.Domain.Rating;

namespace Outturn.Reports.Model;

/// <summary>Words and symbols for ratings and directions. Every format prints the word; symbols only add to
/// it.</summary>
public static class Symbols
{
    public static string Word(Direction direction) =>
        direction switch
        {
            Direction.Improving => "Improving",
            Direction.Same => "Same",
            Direction.Deteriorating => "Worse",
            Direction.Planned => "Planned",
            Direction.Increasing => "Increasing",
            Direction.Decreasing => "Decreasing",
            Direction.NoSignificantChange => "No significant change",
            _ => "New",
        };

    /// <summary>An arrow for a direction: up for better (or higher), down for worse (or lower), as the reference
    /// reports draw them; "same" and "planned" differ.</summary>
    public static string Arrow(Direction direction) =>
        direction switch
        {
            Direction.Improving or Direction.Increasing => "▲",
            Direction.Deteriorating or Direction.Decreasing => "▼",
            Direction.Same or Direction.NoSignificantChange => "►",
            Direction.Planned => "◆",
            _ => "●",
        };

    public static string Meaning(Rag rag) =>
        rag switch
        {
            Rag.Blue => "Better than target by more than the blue margin",
            Rag.Green => "On or better than target; action on track or completed",
            Rag.Amber => "Worse than target, within the amber tolerance; action with some slippage",
            Rag.Red => "Worse than target beyond the tolerance; action with major slippage",
            Rag.NoTarget => "Not rated: no target, or no polarity",
            _ => "Not rated: no figure for the period",
        };

    public static string Meaning(Direction direction) =>
        direction switch
        {
            Direction.Improving => "Performance is better than in the period compared with",
            Direction.Same => "Performance is the same (within tolerance)",
            Direction.Deteriorating => "Performance is worse than in the period compared with",
            Direction.Planned => "A change that was planned",
            Direction.Increasing => "Higher, for a measure with no better direction",
            Direction.Decreasing => "Lower, for a measure with no better direction",
            Direction.NoSignificantChange =>
                "Within the usual variation of the measure's figures (statistical process control): no real change",
            _ => "No earlier figure to compare with",
        };
}
