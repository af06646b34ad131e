using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Values;

namespace Outturn.Domain.Cycle;

/// <summary>What needs a performance officer's attention before a committee's period is published.</summary>
public enum AttentionKind
{
    /// <summary>No figure (nor a reason there is none) for the period.</summary>
    Missing,

    /// <summary>A figure entered but not yet approved (due, entered, submitted or returned).</summary>
    NotApproved,

    /// <summary>Rated red with no commentary saying why.</summary>
    RedWithoutCommentary,

    /// <summary>Rated red or amber with no corrective action.</summary>
    NoCorrectiveAction,

    /// <summary>A figure that looks like a slip (<see cref="Plausibility"/>).</summary>
    Implausible,

    /// <summary>No new figure for longer than the measure's frequency and its lag (<see
    /// cref="Attention.Stale"/>).</summary>
    Stale,

    /// <summary>No owner is named, or the owner named is not a person who can sign in.</summary>
    NoOwner,
}

/// <summary>One thing to look at: which item, which kind of problem, and why, in words.</summary>
public sealed record AttentionItem(AttentionKind Kind, string Ref, string Title, string Why);

/// <summary>The checks before publishing (and the officer's attention list): each item of the committee for the
/// period, with its collection standing, against the rules of <see cref="AttentionKind"/>.</summary>
public static class Attention
{
    public static string Words(this AttentionKind kind) =>
        kind switch
        {
            AttentionKind.Missing => "Figures missing",
            AttentionKind.NotApproved => "Not yet approved",
            AttentionKind.RedWithoutCommentary => "Red without commentary",
            AttentionKind.NoCorrectiveAction => "Red or amber without corrective action",
            AttentionKind.Stale => "No new figure for too long",
            AttentionKind.NoOwner => "No owner, or an owner without access",
            _ => "Figures that may be slips",
        };

    /// <summary>
    /// Every problem of every item, in the items' order. An item's figure is the one for its own period ending in the
    /// month asked for (<see cref="Evaluation.Entry"/>); a carried-forward figure (an earlier period's) is not this
    /// round's, and the item counts as missing when its standing says nothing is entered. Actions are checked for a
    /// status only.
    /// </summary>
    /// <param name="items">The items, each with its standing in the round (null when nothing of it is due).</param>
    /// <param name="today">The day the checks are made.</param>
    /// <param name="ownerProblem">What is wrong with an item's owner (none named, nobody of that name, access removed),
    /// or null when nothing is; without it owners are not checked.</param>
    /// <param name="month">The month checked, for staleness; each item's evaluated period without it.</param>
    public static IReadOnlyList<AttentionItem> Check(
        IEnumerable<(EvaluatedItem Item, CollectionStanding? Standing)> items,
        DateOnly today,
        Func<EvaluatedItem, string?>? ownerProblem = null,
        Period? month = null
    )
    {
        var found = new List<AttentionItem>();
        foreach (var (item, standing) in items)
        {
            void Add(AttentionKind kind, string why) => found.Add(new AttentionItem(kind, item.Ref, item.Title, why));
            var e = item.Evaluation;
            if (ownerProblem?.Invoke(item) is { } owner)
            {
                Add(AttentionKind.NoOwner, owner);
            }

            if (Stale(item.Profile, item.Series, month ?? e.Period) is { } stale)
            {
                Add(AttentionKind.Stale, stale);
            }

            if (standing is { Entered: false })
            {
                Add(
                    AttentionKind.Missing,
                    standing.State == CollectionState.Overdue ? standing.Reason : "nothing entered"
                );
                continue;
            }

            if (standing is { State: not CollectionState.Approved } s)
            {
                Add(AttentionKind.NotApproved, $"{s.State.Words().ToLowerInvariant()}: {s.Reason}");
            }

            if (item.Kind == ItemKind.Action || e.IsCarriedForward)
            {
                continue;
            }

            var rag = e.Rating.Final;
            if (rag == Rag.Red && string.IsNullOrWhiteSpace(e.Entry?.Commentary))
            {
                Add(AttentionKind.RedWithoutCommentary, "rated red; the commentary is empty");
            }

            if (rag is Rag.Red or Rag.Amber && string.IsNullOrWhiteSpace(e.Entry?.CorrectiveAction))
            {
                Add(
                    AttentionKind.NoCorrectiveAction,
                    $"rated {(rag == Rag.Red ? "red" : "amber")}; no corrective action"
                );
            }

            if (e.Entry is { Value.IsNumber: true } entry)
            {
                foreach (
                    var warning in Plausibility.Check(
                        item.Profile,
                        e.Period,
                        entry.Value.Number,
                        item.Series.Entries,
                        today
                    )
                )
                {
                    Add(AttentionKind.Implausible, warning);
                }
            }
        }

        return found;
    }

    /// <summary>How long after a period ends its figure may still be awaited: deadlines run from a few working days to
    /// a few weeks after the period.</summary>
    public const int LagMonths = 1;

    /// <summary>
    /// Why an item's figures are stale for <paramref name="month"/>, or null: its latest figure (a number or words, or
    /// an action's status; a reason there is none is not a figure) ends more than one of its own periods and <see
    /// cref="LagMonths"/> before the month ends. An item that has never had a figure is not stale (it is missing when
    /// due).
    /// </summary>
    public static string? Stale(MeasureProfile profile, ItemSeries series, Period month)
    {
        var latest = series.LatestEndingBy(
            month,
            e => e.Value.Kind != OutturnKind.Missing || (profile.Kind == ItemKind.Action && e.Status is not null)
        );
        if (latest is null)
        {
            return null;
        }

        var allowed =
            Period.Containing(profile.Frequency.NativePeriodKind(), month.EndMonth).LengthInMonths + LagMonths;
        var gap = month.EndMonth - latest.Period.EndMonth;
        return gap > allowed
            ? $"the latest figure is for {latest.Period.Label}, {gap} months before the end of {month.Label}"
            : null;
    }
}
