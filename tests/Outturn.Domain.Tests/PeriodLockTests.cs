using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Tests;

public class PeriodLockTests
{
    private static readonly PeriodLock March2018 = new(
        Period.Month(2018, 3),
        "performance",
        new DateTime(2018, 4, 20, 9, 0, 0, DateTimeKind.Utc)
    );

    private static readonly IReadOnlyDictionary<int, PeriodLock> Locks = PeriodLocks.ByMonth([March2018]);

    [Fact]
    public void A_locked_month_closes_every_figure_whose_period_ends_in_it()
    {
        Assert.Same(March2018, PeriodLocks.Closing(Locks, Period.Month(2018, 3)));
        Assert.Same(March2018, PeriodLocks.Closing(Locks, Period.FinancialQuarter(2017, 4)));
        Assert.Same(March2018, PeriodLocks.Closing(Locks, Period.FinancialHalf(2017, 2)));
        Assert.Same(March2018, PeriodLocks.Closing(Locks, Period.FinancialYear(2017)));
        Assert.Same(March2018, PeriodLocks.Closing(Locks, Period.Rolling12Months(2018, 3)));
        // The months either side, and periods that end in another month, stay open.
        Assert.Null(PeriodLocks.Closing(Locks, Period.Month(2018, 2)));
        Assert.Null(PeriodLocks.Closing(Locks, Period.Month(2018, 4)));
        Assert.Null(PeriodLocks.Closing(Locks, Period.FinancialQuarter(2017, 3)));
        Assert.Null(PeriodLocks.Closing(Locks, Period.CalendarYear(2018)));
    }

    [Theory]
    [InlineData(false, false, null, LockStanding.Open)]
    [InlineData(false, true, "late return", LockStanding.Open)]
    [InlineData(true, false, "late return", LockStanding.RefusedNotOfficer)]
    [InlineData(true, true, null, LockStanding.RefusedNoReason)]
    [InlineData(true, true, "   ", LockStanding.RefusedNoReason)]
    [InlineData(true, true, "late return", LockStanding.Corrected)]
    public void Only_an_officer_with_a_reason_changes_a_locked_figure(
        bool locked,
        bool officer,
        string? reason,
        LockStanding expected
    )
    {
        var closing = locked ? March2018 : null;
        var standing = PeriodLocks.Check(closing, officer, reason);
        Assert.Equal(expected, standing);
        var refusal = PeriodLocks.Refusal(closing, standing);
        Assert.Equal(expected is LockStanding.RefusedNotOfficer or LockStanding.RefusedNoReason, refusal is not null);
    }

    [Fact]
    public void A_refusal_names_the_lock_and_what_to_do()
    {
        Assert.Equal(
            "March 2018 was locked on 20 April 2018 by performance: ask a performance officer to correct it.",
            PeriodLocks.Refusal(March2018, LockStanding.RefusedNotOfficer)
        );
        Assert.Equal(
            "March 2018 was locked on 20 April 2018 by performance: a correction needs a reason, which is kept with "
                + "the change.",
            PeriodLocks.Refusal(March2018, LockStanding.RefusedNoReason)
        );
    }

    [Fact]
    public void Only_a_month_that_has_ended_and_is_open_can_be_locked()
    {
        var april = Period.Month(2018, 4);
        Assert.Equal(
            "April 2018 has not ended yet: a month can be locked once it is over.",
            PeriodLocks.CannotLock(april, new DateOnly(2018, 4, 30), Locks)
        );
        Assert.Null(PeriodLocks.CannotLock(april, new DateOnly(2018, 5, 1), Locks));
        Assert.Equal(
            "March 2018 was locked on 20 April 2018 by performance.",
            PeriodLocks.CannotLock(Period.Month(2018, 3), new DateOnly(2018, 5, 1), Locks)
        );
        Assert.Equal(
            "Locks are by month: 2017/18 Q4 is not a month.",
            PeriodLocks.CannotLock(Period.FinancialQuarter(2017, 4), new DateOnly(2018, 5, 1), Locks)
        );
    }
}
