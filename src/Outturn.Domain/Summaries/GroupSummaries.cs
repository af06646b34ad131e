using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;

namespace Outturn.Domain.Summaries;

/// <summary>A summary for one group (a priority, a committee, or All) and period.</summary>
public sealed record GroupSummary(string Group, Period Period, Summary Summary);

public enum SummaryGrouping
{
    Priority,
    Committee,
}

/// <summary>Which direction of travel "% improved" counts.</summary>
public enum DirectionBasis
{
    LongTerm,
    ShortTerm,
}

/// <summary>Summaries of evaluated items by priority or committee, as annual reports print them: one row per group
/// in the order first met, then a row <see cref="AllGroup"/> for every item together. An item reported to several
/// committees counts in each of their rows and once in All.</summary>
public static class GroupSummaries
{
    /// <summary>The group of a summary's row for every item together.</summary>
    public const string AllGroup = "All";

    public const string NoPriority = "(no priority)";
    public const string NoCommittee = "(no committee)";

    public static IEnumerable<GroupSummary> Of(
        IEnumerable<EvaluatedItem> evaluations,
        Period period,
        SummaryGrouping by,
        DirectionBasis basis
    )
    {
        var all = evaluations as IReadOnlyList<EvaluatedItem> ?? [.. evaluations];
        var groups = new List<(string Name, EvaluatedItem Item)>();
        foreach (var e in all)
        {
            IReadOnlyList<string> names =
                by == SummaryGrouping.Priority ? [e.Priority ?? NoPriority]
                : e.Committees.Count > 0 ? e.Committees
                : [NoCommittee];
            groups.AddRange(names.Select(n => (n, e)));
        }

        foreach (var group in groups.GroupBy(g => g.Name))
        {
            yield return new GroupSummary(group.Key, period, Summary.Of(group.Select(g => Input(g.Item, basis))));
        }

        yield return new GroupSummary(AllGroup, period, Summary.Of(all.Select(e => Input(e, basis))));
    }

    private static SummaryInput Input(EvaluatedItem e, DirectionBasis basis) =>
        new(
            e.Kind,
            e.Evaluation.Rating.Final,
            basis == DirectionBasis.LongTerm ? e.Evaluation.DirectionLong : e.Evaluation.DirectionShort,
            e.Evaluation.DirectionBySpc ? DirectionMethod.Spc : DirectionMethod.TwoPoint,
            e.Spc()?.Chart.Variation
        );
}
