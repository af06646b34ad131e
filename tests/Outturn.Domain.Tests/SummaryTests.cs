using CsCheck;
using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Summaries;

namespace Outturn.Domain.Tests;

public class SummaryTests
{
    [Theory]
    [InlineData(new[] { 1, 1, 1 }, new[] { 34, 33, 33 })]
    [InlineData(new[] { 2, 1, 0 }, new[] { 67, 33, 0 })]
    [InlineData(new[] { 0, 0, 0 }, new[] { 0, 0, 0 })]
    [InlineData(new[] { 13, 5, 7 }, new[] { 52, 20, 28 })]
    [InlineData(new[] { 1, 2, 3 }, new[] { 17, 33, 50 })]
    [InlineData(new[] { 5, 0, 0 }, new[] { 100, 0, 0 })]
    public void Largest_remainder_adds_up_to_100(int[] counts, int[] expected) =>
        Assert.Equal(expected, Percentages.LargestRemainder(counts));

    [Fact]
    public void Property_largest_remainder_always_sums_to_100_and_stays_within_one_of_the_exact_share() =>
        Gen.Int[0, 500]
            .Array[1, 6]
            .Where(a => a.Sum() > 0)
            .Sample(counts =>
            {
                var result = Percentages.LargestRemainder(counts);
                var total = counts.Sum();
                return result.Sum() == 100
                    && counts.Select((c, i) => Math.Abs(result[i] - (c * 100.0 / total)) < 1.0).All(x => x);
            });

    [Theory]
    [InlineData(1, 8, 13)] // 12.5 → 13, half up
    [InlineData(17, 25, 68)]
    [InlineData(1, 3, 33)]
    [InlineData(2, 3, 67)]
    [InlineData(0, 0, 0)]
    public void Single_percentages_round_half_up(int part, int whole, int expected) =>
        Assert.Equal(expected, Percentages.Of(part, whole));

    [Fact]
    public void Summarises_measures_and_actions_as_councils_publish()
    {
        SummaryInput M(Rag r, Direction? d) => new(ItemKind.Measure, r, d);
        SummaryInput A(Rag r) => new(ItemKind.Action, r, null);
        var summary = Summary.Of([
            M(Rag.Blue, Direction.Improving),
            M(Rag.Green, Direction.Same),
            M(Rag.Amber, Direction.Deteriorating),
            M(Rag.Red, Direction.Planned),
            M(Rag.NoTarget, Direction.Improving),
            M(Rag.NoData, null),
            M(Rag.Red, Direction.New),
            M(Rag.Green, Direction.Increasing),
            A(Rag.Green),
            A(Rag.Red),
            A(Rag.NoTarget),
        ]);

        Assert.Equal(8, summary.ItemsRated); // 6 rated measures + 2 rated actions
        Assert.Equal(4, summary.MetOrOnTrack);
        Assert.Equal(50, summary.MetOrOnTrackPercent);
        Assert.Equal(5, summary.MeasuresWithDirection); // improving, same, deteriorating, planned, improving(no target)
        Assert.Equal(2, summary.Improved);
        Assert.Equal(40, summary.ImprovedPercent);
        Assert.Equal((3, 1, 2), (summary.BlueGreen, summary.Amber, summary.Red));
        Assert.Equal([50, 17, 33], summary.RatingPercents);
        Assert.Equal((2, 2, 1), (summary.Improving, summary.Same, summary.Deteriorating));
        Assert.Equal([40, 40, 20], summary.DirectionPercents);
    }

    [Fact]
    public void An_empty_set_summarises_to_zeros()
    {
        var summary = Summary.Of([]);
        Assert.Equal(0, summary.MetOrOnTrackPercent);
        Assert.Equal([0, 0, 0], summary.RatingPercents);
    }
}
