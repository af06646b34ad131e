using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Tests;

public class CycleTests
{
    // England and Wales, 2018 (https://www.gov.uk/bank-holidays): Good Friday 30 March, Easter Monday 2 April.
    private static readonly WorkingCalendar Easter2018 = new([new DateOnly(2018, 3, 30), new DateOnly(2018, 4, 2)]);

    [Fact]
    public void Ten_working_days_after_March_2018_is_Monday_16_April()
    {
        // The example: 31 March 2018 is a Saturday; 2 April is Easter Monday.
        var deadline = DeadlineRule.Default.DeadlineFor(Period.Month(2018, 3), Easter2018);
        Assert.Equal(new DateOnly(2018, 4, 16), deadline);
        Assert.Equal(DayOfWeek.Monday, deadline.DayOfWeek);
        // Without the holidays it would be a working day earlier.
        Assert.Equal(
            new DateOnly(2018, 4, 13),
            DeadlineRule.Default.DeadlineFor(Period.Month(2018, 3), WorkingCalendar.WeekdaysOnly)
        );
    }

    [Fact]
    public void A_quarters_deadline_counts_from_its_last_day()
    {
        var q4 = Period.FinancialQuarter(2017, 4);
        Assert.Equal(new DateOnly(2018, 3, 31), DeadlineRule.LastDayOf(q4));
        Assert.Equal(new DateOnly(2018, 4, 16), DeadlineRule.Default.DeadlineFor(q4, Easter2018));
        Assert.Equal(new DateOnly(2018, 4, 14), DeadlineRule.Calendar(14).DeadlineFor(q4, Easter2018));
        Assert.Equal(new DateOnly(2018, 3, 31), DeadlineRule.Working(0).DeadlineFor(q4, Easter2018));
        Assert.Equal(new DateOnly(2018, 2, 28), DeadlineRule.LastDayOf(Period.Month(2018, 2)));
        Assert.Equal(new DateOnly(2016, 2, 29), DeadlineRule.LastDayOf(Period.Month(2016, 2)));
    }

    [Theory]
    [InlineData(2018, 4, 13, 1)] // Friday 13 April: the next working day is Monday 16
    [InlineData(2018, 3, 29, 1)] // Thursday before Good Friday: the next working day is Tuesday 3 April
    public void Adding_working_days_skips_weekends_and_holidays(int y, int m, int d, int days)
    {
        var from = new DateOnly(y, m, d);
        var to = Easter2018.AddWorkingDays(from, days);
        Assert.True(Easter2018.IsWorkingDay(to));
        Assert.Equal(days, Easter2018.WorkingDaysBetween(from, to));
        Assert.Equal(-days, Easter2018.WorkingDaysBetween(to, from));
        if (from == new DateOnly(2018, 3, 29))
        {
            Assert.Equal(new DateOnly(2018, 4, 3), to);
        }
    }

    [Theory]
    [InlineData("10 working days", 10, true, "10 working days")]
    [InlineData("10 Working Days after period end", 10, true, "10 working days")]
    [InlineData("1 working day", 1, true, "1 working day")]
    [InlineData("14 days", 14, false, "14 days")]
    [InlineData(" 0 days after the period ends ", 0, false, "0 days")]
    public void Reads_deadline_rules_in_one_canonical_form(string text, int days, bool working, string canonical)
    {
        var rule = DeadlineRule.Parse(text);
        Assert.Equal(days, rule.Days);
        Assert.Equal(working, rule.WorkingDays);
        Assert.Equal(canonical, rule.ToString());
        Assert.Equal(rule, DeadlineRule.Parse(rule.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten working days")]
    [InlineData("-1 days")]
    [InlineData("121 days")]
    [InlineData("10 working days before period end")]
    public void Refuses_what_is_not_a_deadline_rule_saying_what_is_expected(string text)
    {
        Assert.False(DeadlineRule.TryParse(text, out _, out var error));
        Assert.Contains("10 working days", error, StringComparison.Ordinal);
    }

    private static readonly DateOnly Deadline = new(2018, 4, 16);

    [Theory]
    [InlineData(false, null, 2018, 4, 16, CollectionState.Due, 0)] // on the deadline itself: still on time
    [InlineData(false, null, 2018, 4, 17, CollectionState.Overdue, 1)]
    [InlineData(true, null, 2018, 4, 10, CollectionState.Entered, 0)]
    [InlineData(true, null, 2018, 4, 20, CollectionState.Overdue, 4)] // entered is not submitted
    [InlineData(true, CollectionStep.Submitted, 2018, 5, 1, CollectionState.Submitted, 0)]
    [InlineData(true, CollectionStep.Approved, 2018, 5, 1, CollectionState.Approved, 0)]
    [InlineData(true, CollectionStep.Returned, 2018, 4, 10, CollectionState.Returned, 0)]
    [InlineData(true, CollectionStep.Returned, 2018, 4, 18, CollectionState.Returned, 2)] // days overdue still count
    [InlineData(true, CollectionStep.Reopened, 2018, 4, 10, CollectionState.Entered, 0)]
    [InlineData(false, CollectionStep.Reopened, 2018, 4, 30, CollectionState.Overdue, 14)]
    public void States_at_their_boundaries(
        bool entered,
        CollectionStep? latest,
        int y,
        int m,
        int d,
        CollectionState expected,
        int daysOverdue
    )
    {
        var standing = CollectionRules.StateOf(entered, latest, Deadline, new DateOnly(y, m, d));
        Assert.Equal(expected, standing.State);
        Assert.Equal(daysOverdue, standing.DaysOverdue);
        Assert.Equal(Deadline, standing.Deadline);
        Assert.Equal(entered, standing.Entered);
        Assert.False(string.IsNullOrWhiteSpace(standing.Reason));
    }

    [Fact]
    public void An_overdue_reason_says_what_is_missing_and_since_when()
    {
        var standing = CollectionRules.StateOf(false, null, Deadline, new DateOnly(2018, 4, 17));
        Assert.Equal("nothing entered; due 16 April 2018, 1 day ago", standing.Reason);
        Assert.Equal(
            "entered but not submitted; due 16 April 2018, 3 days ago",
            CollectionRules.StateOf(true, null, Deadline, new DateOnly(2018, 4, 19)).Reason
        );
    }

    [Fact]
    public void Regions_have_one_code_each()
    {
        foreach (var region in Enum.GetValues<HolidayRegion>())
        {
            Assert.True(HolidayRegions.TryParse(region.Code(), out var back));
            Assert.Equal(region, back);
        }

        Assert.False(HolidayRegions.TryParse("wales", out _));
    }
}

public class ReminderPlannerTests
{
    private static readonly DateOnly Deadline = new(2018, 4, 16);
    private static readonly ReminderSettings Settings = new(daysBefore: 3, daysAfter: 2, escalateAfter: 5);

    private static OwedFigure Owed(
        DateOnly today,
        bool entered = false,
        CollectionStep? step = null,
        long? returned = null
    ) =>
        new(
            "olive",
            "mandy",
            "M1",
            "Monthly one",
            Period.Month(2018, 3),
            CollectionRules.StateOf(entered, step, Deadline, today),
            returned
        );

    private static IReadOnlyList<Digest> Plan(DateOnly today, OwedFigure f, Func<string, string, bool>? sent = null) =>
        ReminderPlanner.Plan([f], ["pat", "olive"], today, Settings, sent ?? ((_, _) => false));

    [Theory]
    [InlineData(12, null)] // four days before: nothing yet
    [InlineData(13, ReminderKind.DueSoon)] // three days before
    [InlineData(16, ReminderKind.DueSoon)] // the deadline itself
    [InlineData(17, null)] // one day late: not yet reminded (days after is 2)
    [InlineData(18, ReminderKind.Overdue)]
    public void Owners_are_reminded_within_the_windows(int day, ReminderKind? expected)
    {
        var today = new DateOnly(2018, 4, day);
        var digests = Plan(today, Owed(today));
        if (expected is null)
        {
            Assert.Empty(digests);
            return;
        }

        var digest = Assert.Single(digests);
        Assert.Equal("olive", digest.Person);
        Assert.Equal(expected, Assert.Single(digest.Lines).Kind);
    }

    [Fact]
    public void Escalation_goes_to_the_manager_and_officers_never_the_owner_and_each_reminder_once()
    {
        var today = new DateOnly(2018, 4, 21); // five days late
        var digests = Plan(today, Owed(today));
        Assert.Equal(["mandy", "olive", "pat"], digests.Select(d => d.Person));
        Assert.Equal(ReminderKind.Escalated, Assert.Single(digests[0].Lines).Kind);
        Assert.Equal(ReminderKind.Overdue, Assert.Single(digests[1].Lines).Kind);
        Assert.Equal(["mandy", "pat"], digests[1].EscalatedTo);
        var fourDaysLate = new DateOnly(2018, 4, 20);
        Assert.Equal(["olive"], Plan(fourDaysLate, Owed(fourDaysLate)).Select(d => d.Person)); // not escalated yet

        // What was sent is not sent again; the owner's overdue reminder and the manager's escalation have keys of
        // their own.
        var sent = digests.SelectMany(d => d.Lines.Select(l => (d.Person, l.Key))).ToHashSet();
        Assert.Empty(Plan(today, Owed(today), (p, k) => sent.Contains((p, k))));
        Assert.Equal("overdue:M1:2018-03", digests[1].Lines[0].Key);
    }

    [Fact]
    public void A_return_is_told_once_per_return_and_submitted_figures_are_left_alone()
    {
        var today = new DateOnly(2018, 4, 10);
        var returned = Plan(today, Owed(today, entered: true, CollectionStep.Returned, returned: 41));
        Assert.Equal("returned:41", Assert.Single(Assert.Single(returned).Lines).Key);
        Assert.Empty(Plan(new DateOnly(2018, 4, 25), Owed(new DateOnly(2018, 4, 25), true, CollectionStep.Submitted)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReminderSettings(daysAfter: 3, escalateAfter: 2));
    }
}

public class AttentionTests
{
    private static readonly DateOnly Today = new(2018, 4, 20);
    private static readonly Period March = Period.Month(2018, 3);
    private static readonly MeasureProfile Higher = new() { Polarity = Framework.Polarity.HigherIsBetter };

    private static Reporting.EvaluatedItem Item(string reference, decimal? value, string? commentary, string? action)
    {
        var entries = new List<Values.PeriodEntry>();
        if (value is { } v)
        {
            entries.Add(
                new()
                {
                    Period = March,
                    Value = Values.OutturnValue.Of(v),
                    Target = Values.Target.Of(100),
                    Commentary = commentary,
                    CorrectiveAction = action,
                }
            );
        }

        var series = new Rating.ItemSeries(entries);
        return new Reporting.EvaluatedItem(
            reference,
            $"Measure {reference}",
            null,
            null,
            null,
            [],
            Higher,
            Rating.Evaluator.Evaluate(Higher, Rating.RatingScheme.Default, series, March),
            series
        );
    }

    private static CollectionStanding Standing(bool entered, CollectionStep? step) =>
        CollectionRules.StateOf(entered, step, new DateOnly(2018, 4, 16), Today);

    [Fact]
    public void Each_rule_flags_what_it_names_and_nothing_else()
    {
        var found = Attention.Check(
            [
                (Item("OK", 120, "Fine", null), Standing(true, CollectionStep.Approved)),
                (Item("MISSING", null, null, null), Standing(false, null)),
                (Item("RED", 50, null, null), Standing(true, CollectionStep.Submitted)),
                (Item("AMBER", 97, "Close", null), Standing(true, CollectionStep.Approved)),
                (Item("REDOK", 50, "Why", "What we do"), Standing(true, CollectionStep.Approved)),
            ],
            Today
        );
        Assert.Equal(
            [
                (AttentionKind.Missing, "MISSING"),
                (AttentionKind.NotApproved, "RED"),
                (AttentionKind.RedWithoutCommentary, "RED"),
                (AttentionKind.NoCorrectiveAction, "RED"),
                (AttentionKind.NoCorrectiveAction, "AMBER"),
            ],
            found.Select(f => (f.Kind, f.Ref))
        );
        Assert.StartsWith("nothing entered; due 16 April 2018", found[0].Why, StringComparison.Ordinal);
        Assert.Equal("rated amber; no corrective action", found[^1].Why);
    }

    [Fact]
    public void A_percentage_over_100_is_a_possible_slip()
    {
        var percent = new MeasureProfile
        {
            Unit = Framework.Unit.Percentage,
            Polarity = Framework.Polarity.HigherIsBetter,
        };
        var series = new Rating.ItemSeries([new() { Period = March, Value = Values.OutturnValue.Of(101) }]);
        var item = new Reporting.EvaluatedItem(
            "P1",
            "Percent",
            null,
            null,
            null,
            [],
            percent,
            Rating.Evaluator.Evaluate(percent, Rating.RatingScheme.Default, series, March),
            series
        );
        var found = Assert.Single(Attention.Check([(item, Standing(true, CollectionStep.Approved))], Today));
        Assert.Equal(AttentionKind.Implausible, found.Kind);
        Assert.Contains("over 100", found.Why, StringComparison.Ordinal);
    }
}
