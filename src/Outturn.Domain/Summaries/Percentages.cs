namespace Outturn.Domain.Summaries;

/// <summary>Rounding of percentages as councils publish them.</summary>
public static class Percentages
{
    /// <summary>A single percentage, whole, rounded half up; 0 when there is nothing to divide by.</summary>
    public static int Of(int part, int whole) =>
        whole == 0 ? 0 : (int)Math.Round(part * 100m / whole, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Whole percentages of a distribution that add up to exactly 100 (largest-remainder, or Hamilton, method):
    /// each share is rounded down, then the points left over go to the largest remainders; equal remainders go to
    /// the earlier category. All zeros when the counts add up to nothing.
    /// </summary>
    public static int[] LargestRemainder(IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        var result = new int[counts.Count];
        if (total == 0)
        {
            return result;
        }

        var remainders = new (int Index, int Remainder)[counts.Count];
        var allotted = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            result[i] = Math.DivRem(counts[i] * 100, total, out var remainder);
            remainders[i] = (i, remainder);
            allotted += result[i];
        }

        foreach (
            var (index, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(100 - allotted)
        )
        {
            result[index]++;
        }

        return result;
    }
}
