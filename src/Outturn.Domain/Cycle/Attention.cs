using Outturn.Domain.Framework;
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
            _ => "Figures that may be slips",
        };

    /// <summary>
    /// Every problem of every item, in the items' order. An item's figure is the one for its own period ending in the
    /// month asked for (<see cref="Evaluation.Entry"/>); a carried-forward figure (an earlier period's) is not this
    /// round's, and the item counts as missing when its standing says nothing is entered. Actions are checked for a
    /// status only.
    /// </summary>
    public static IReadOnlyList<AttentionItem> Check(
        IEnumerable<(EvaluatedItem Item, CollectionStanding? Standing)> items,
        DateOnly today
    )
    {
        var found = new List<AttentionItem>();
        foreach (var (item, standing) in items)
        {
            void Add(AttentionKind kind, string why) => found.Add(new AttentionItem(kind, item.Ref, item.Title, why));
            var e = item.Evaluation;
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
}
