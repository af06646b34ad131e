using Outturn.Domain.Periods;

namespace Outturn.Domain.Statistics;

/// <summary>
/// A measure's statistical process control limits worked out afresh from a period, and why ("new service model from
/// April 2017"): the figures from the first one that starts in or after <see cref="From"/> make a new baseline, with
/// its own mean and limits, and no run or trend continues across it (Making Data Count's "recalculation"). Shown on
/// the chart as a step, with the reason.
/// </summary>
public sealed record SpcRebase
{
    public const int MaxReason = 400;

    public SpcRebase(Period from, string reason)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ArgumentException("A recalculation of the limits needs its reason.", nameof(reason));
        }

        if (text.Length > MaxReason)
        {
            throw new ArgumentException(
                $"A recalculation's reason is at most {MaxReason} characters; this one has {text.Length}.",
                nameof(reason)
            );
        }

        From = from;
        Reason = text;
    }

    public Period From { get; }
    public string Reason { get; }

    /// <summary>The index of the first figure that starts in or after each rebase's period, for the figures'
    /// periods in order: the points that start a new baseline. A rebase before the second figure or after the last
    /// starts none; two that fall on the same figure start it once (the later reason stands).</summary>
    public static IReadOnlyList<(int Index, SpcRebase Rebase)> Starts(
        IReadOnlyList<Period> periods,
        IEnumerable<SpcRebase> rebases
    )
    {
        var starts = new SortedDictionary<int, SpcRebase>();
        foreach (var rebase in rebases.OrderBy(r => r.From.StartMonth))
        {
            var index = -1;
            for (var i = 0; i < periods.Count; i++)
            {
                if (periods[i].StartMonth >= rebase.From.StartMonth)
                {
                    index = i;
                    break;
                }
            }

            if (index > 0)
            {
                starts[index] = rebase;
            }
        }

        return [.. starts.Select(s => (s.Key, s.Value))];
    }
}
