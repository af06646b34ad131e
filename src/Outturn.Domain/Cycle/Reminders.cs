using Outturn.Domain.Periods;

namespace Outturn.Domain.Cycle;

/// <summary>When reminders go: <see cref="DaysBefore"/> days before a deadline, <see cref="DaysAfter"/> days after it
/// (still not submitted), and escalation to the owner's manager and the performance officers <see
/// cref="EscalateAfter"/> days after it.</summary>
public sealed record ReminderSettings
{
    public int DaysBefore { get; }
    public int DaysAfter { get; }
    public int EscalateAfter { get; }

    public ReminderSettings(int daysBefore = 3, int daysAfter = 1, int escalateAfter = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBefore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBefore, 60);
        ArgumentOutOfRangeException.ThrowIfLessThan(daysAfter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysAfter, 60);
        ArgumentOutOfRangeException.ThrowIfLessThan(escalateAfter, daysAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(escalateAfter, 120);
        (DaysBefore, DaysAfter, EscalateAfter) = (daysBefore, daysAfter, escalateAfter);
    }
}

/// <summary>A figure someone owes: its owner (a person's key), their manager's key if any, and where it
/// stands. <paramref name="ReturnedStep"/> identifies the return it was sent back by, when it was.</summary>
public sealed record OwedFigure(
    string Owner,
    string? Manager,
    string Ref,
    string Title,
    Period Period,
    CollectionStanding Standing,
    long? ReturnedStep = null
);

/// <summary>What one reminder says about one figure, and the key that makes sure it is said once.</summary>
public enum ReminderKind
{
    DueSoon,
    Overdue,
    Returned,
    Escalated,
}

/// <summary>One line of a digest: a figure and why it is in the digest. <see cref="Key"/> is what is recorded once it
/// is sent, so the same reminder is never sent twice.</summary>
public sealed record ReminderLine(ReminderKind Kind, OwedFigure Figure)
{
    public string Key =>
        Kind switch
        {
            ReminderKind.Returned => $"returned:{Figure.ReturnedStep}",
            _ => $"{Kind.ToString().ToLowerInvariant()}:{Figure.Ref.ToUpperInvariant()}:{Figure.Period}",
        };
}

/// <summary>One email to one person: their own figures due soon, overdue and returned, and others' figures escalated
/// to them (as a manager or performance officer).</summary>
public sealed record Digest(string Person, IReadOnlyList<ReminderLine> Lines)
{
    public IEnumerable<ReminderLine> Of(ReminderKind kind) => Lines.Where(l => l.Kind == kind);

    /// <summary>Who else is told of this person's escalated figures.</summary>
    public IReadOnlyList<string> EscalatedTo { get; init; } = [];
}

/// <summary>The rule that turns who owes what, and what was already sent, into one digest per person.</summary>
public static class ReminderPlanner
{
    /// <summary>
    /// Each person's digest for <paramref name="today"/>. A figure due or entered is "due soon" from <see
    /// cref="ReminderSettings.DaysBefore"/> days before its deadline to the deadline; an overdue one is "overdue" from
    /// <see cref="ReminderSettings.DaysAfter"/> days after it; a returned figure is told once per return; from <see
    /// cref="ReminderSettings.EscalateAfter"/> days overdue it is escalated to its owner's manager and to every
    /// performance officer (<paramref name="officers"/>), never to its owner. Each reminder is sent once: a line whose
    /// key <paramref name="sent"/> holds for its recipient is left out, and a person with no line gets no digest.
    /// </summary>
    public static IReadOnlyList<Digest> Plan(
        IEnumerable<OwedFigure> owed,
        IReadOnlyCollection<string> officers,
        DateOnly today,
        ReminderSettings settings,
        Func<string, string, bool> sent
    )
    {
        var lines = new Dictionary<string, List<ReminderLine>>(StringComparer.Ordinal);
        var escalatedTo = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string person, ReminderLine line)
        {
            if (!sent(person, line.Key))
            {
                if (!lines.TryGetValue(person, out var list))
                {
                    lines[person] = list = [];
                }

                list.Add(line);
            }
        }

        foreach (var f in owed)
        {
            var s = f.Standing;
            var untilDeadline = s.Deadline.DayNumber - today.DayNumber;
            if (s.State is CollectionState.Due or CollectionState.Entered && untilDeadline <= settings.DaysBefore)
            {
                Add(f.Owner, new ReminderLine(ReminderKind.DueSoon, f));
            }
            else if (s.State == CollectionState.Overdue && s.DaysOverdue >= settings.DaysAfter)
            {
                Add(f.Owner, new ReminderLine(ReminderKind.Overdue, f));
            }

            if (s.State == CollectionState.Returned && f.ReturnedStep is not null)
            {
                Add(f.Owner, new ReminderLine(ReminderKind.Returned, f));
            }

            if (
                s.State is CollectionState.Overdue or CollectionState.Returned
                && s.DaysOverdue >= settings.EscalateAfter
            )
            {
                var to = new SortedSet<string>(officers, StringComparer.Ordinal);
                if (f.Manager is { } manager)
                {
                    to.Add(manager);
                }

                to.Remove(f.Owner);
                foreach (var person in to)
                {
                    Add(person, new ReminderLine(ReminderKind.Escalated, f));
                }

                if (!escalatedTo.TryGetValue(f.Owner, out var set))
                {
                    escalatedTo[f.Owner] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(to);
            }
        }

        return
        [
            .. lines
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new Digest(p.Key, p.Value)
                {
                    EscalatedTo = escalatedTo.TryGetValue(p.Key, out var to) ? [.. to] : [],
                }),
        ];
    }
}
