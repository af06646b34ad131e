namespace Outturn.Domain.Cycle;

/// <summary>Where one item's figure for one period stands in the monthly cycle.</summary>
public enum CollectionState
{
    /// <summary>Asked for, nothing entered yet, deadline not passed.</summary>
    Due,

    /// <summary>A figure is entered but its owner has not submitted it.</summary>
    Entered,

    /// <summary>Submitted by its owner for a performance officer to check.</summary>
    Submitted,

    /// <summary>Checked and approved by a performance officer.</summary>
    Approved,

    /// <summary>Sent back to its owner with a reason.</summary>
    Returned,

    /// <summary>Not submitted by its deadline.</summary>
    Overdue,
}

/// <summary>A step a person takes in the cycle, kept in history.</summary>
public enum CollectionStep
{
    Submitted,
    Approved,
    Returned,

    /// <summary>An approval or submission withdrawn, because the figure changed afterwards or an officer reopened
    /// it.</summary>
    Reopened,
}

/// <summary>One item's standing for one period, and why.</summary>
public sealed record CollectionStanding(
    CollectionState State,
    bool Entered,
    DateOnly Deadline,
    int DaysOverdue,
    string Reason
);

/// <summary>The rule that turns what is stored (a figure or not, the latest step) and today's date into a collection
/// state.</summary>
public static class CollectionRules
{
    /// <summary>
    /// The state of a figure for a period whose deadline is <paramref name="deadline"/>, given whether a figure (or a
    /// reason it is missing) is entered, the latest step taken on it, and <paramref name="today"/>. A submitted or
    /// approved figure is never overdue; one that is due, entered or returned is overdue once its deadline has passed,
    /// and a returned one stays "returned" (its days overdue still count). Days overdue are calendar days after the
    /// deadline.
    /// </summary>
    public static CollectionStanding StateOf(bool entered, CollectionStep? latest, DateOnly deadline, DateOnly today)
    {
        var late = today > deadline ? today.DayNumber - deadline.DayNumber : 0;
        var deadlineText = deadline.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return latest switch
        {
            CollectionStep.Approved => new(
                CollectionState.Approved,
                entered,
                deadline,
                0,
                "approved by a performance officer"
            ),
            CollectionStep.Submitted => new(
                CollectionState.Submitted,
                entered,
                deadline,
                0,
                "submitted, awaiting approval"
            ),
            CollectionStep.Returned => new(
                CollectionState.Returned,
                entered,
                deadline,
                late,
                late > 0 ? $"returned to its owner; due {deadlineText}" : "returned to its owner"
            ),
            _ when late > 0 => new(
                CollectionState.Overdue,
                entered,
                deadline,
                late,
                $"{(entered ? "entered but not submitted" : "nothing entered")}; due {deadlineText}, "
                    + $"{late} {(late == 1 ? "day" : "days")} ago"
            ),
            _ when entered => new(
                CollectionState.Entered,
                entered,
                deadline,
                0,
                $"entered, not yet submitted; due {deadlineText}"
            ),
            _ => new(CollectionState.Due, entered, deadline, 0, $"due {deadlineText}"),
        };
    }

    /// <summary>The state's canonical text, as the CLI, API and CSV write it.</summary>
    public static string Code(this CollectionState state) => state.ToString().ToLowerInvariant();

    public static string Words(this CollectionState state) =>
        state switch
        {
            CollectionState.Due => "Due",
            CollectionState.Entered => "Entered",
            CollectionState.Submitted => "Submitted",
            CollectionState.Approved => "Approved",
            CollectionState.Returned => "Returned",
            _ => "Overdue",
        };

    public static string Code(this CollectionStep step) => step.ToString().ToLowerInvariant();
}
