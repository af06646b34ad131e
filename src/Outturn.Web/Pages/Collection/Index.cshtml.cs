using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Collection;

/// <summary>A performance officer's collection round for a month: every figure due (the month's, and the quarter's or
/// year's that end in it), who owes it, its deadline and state, filtered by state with counts; approve, return or
/// reopen each submitted figure.</summary>
[Authorize(Policy = Policies.ApproveFigures)]
public sealed class IndexModel(
    Access access,
    EvaluationService evaluations,
    CollectionService collection,
    PeriodLockService locks,
    OutturnOptions options,
    TimeProvider clock
) : PageModel
{
    public bool EmailOn => options.Email.IsConfigured;
    public ReminderOptions Reminders => options.Reminders;

    public Period Month { get; private set; }
    public IReadOnlyList<Period> Months { get; private set; } = [];
    public IReadOnlyList<CollectionRow> All { get; private set; } = [];
    public CollectionState? Only { get; private set; }
    public IEnumerable<CollectionRow> Shown => All.Where(r => Only is null || r.Standing.State == Only);
    public string? Done { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>The lock on <see cref="Month"/>, if it is locked.</summary>
    public PeriodLock? Lock { get; private set; }

    /// <summary>Whether <see cref="Month"/> has ended, so that it may be locked.</summary>
    public bool MonthEnded { get; private set; }

    /// <summary>What the banner says was done.</summary>
    public string? DoneText =>
        Done switch
        {
            "locked" or "unlocked" => $"{Month.Label} is {Done}.",
            { } step => $"The figure is {step}.",
            _ => null,
        };

    public int Count(CollectionState state) => All.Count(r => r.Standing.State == state);

    public async Task<IActionResult> OnGetAsync(string? period, string? state, string? done, CancellationToken ct)
    {
        await LoadAsync(period, state, ct);
        Done = done is "approved" or "returned" or "reopened" or "locked" or "unlocked" ? done : null;
        return Page();
    }

    /// <summary>The round as CSV (the columns of <c>outturn due</c>), for a spreadsheet or a mail merge.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? period, CancellationToken ct)
    {
        await LoadAsync(period, null, ct);
        var table = Data.Tables.CollectionTable.Of(All);
        return File(
            Outturn.Reports.Writers.CsvWriter.Table(table.Columns, table.Rows),
            "text/csv; charset=utf-8",
            $"collection-{Month}.csv"
        );
    }

    public Task<IActionResult> OnPostApproveAsync(
        string? reference,
        string? period,
        string? month,
        CancellationToken ct
    ) => StepAsync(reference, period, month, CollectionStep.Approved, ct);

    public Task<IActionResult> OnPostReopenAsync(
        string? reference,
        string? period,
        string? month,
        CancellationToken ct
    ) => StepAsync(reference, period, month, CollectionStep.Reopened, ct);

    private async Task<IActionResult> StepAsync(
        string? reference,
        string? period,
        string? month,
        CollectionStep step,
        CancellationToken ct
    )
    {
        var org = await access.OrganisationAsync(User, ct);
        if (reference is null || !Period.TryParse(period, out var p))
        {
            return BadRequest();
        }

        try
        {
            await collection.StepAsync(org, reference, p, step, User.Identity!.Name!, reason: null, ct);
        }
        catch (OutturnException ex)
        {
            await LoadAsync(month, null, ct);
            Problem = ex.Message;
            return Page();
        }

        return Redirect($"/collection?period={Uri.EscapeDataString(month ?? p.ToString())}&done={step.Code()}");
    }

    /// <summary>Locks the month (<see cref="PeriodLocks"/>).</summary>
    public async Task<IActionResult> OnPostLockAsync(string? month, CancellationToken ct) =>
        await LockStepAsync(month, (org, m) => locks.LockAsync(org, m, User.Identity!.Name!, ct), "locked", ct);

    /// <summary>Unlocks the month, with the reason kept in the audit trail.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(string? month, string? reason, CancellationToken ct) =>
        await LockStepAsync(
            month,
            (org, m) => locks.UnlockAsync(org, m, User.Identity!.Name!, reason ?? "", ct),
            "unlocked",
            ct
        );

    private async Task<IActionResult> LockStepAsync(
        string? month,
        Func<Data.Entities.Organisation, Period, Task> step,
        string done,
        CancellationToken ct
    )
    {
        if (!User.Allows(Policies.LockPeriods))
        {
            return Forbid();
        }

        if (!Period.TryParse(month, out var m) || m.Kind != PeriodKind.Month)
        {
            return BadRequest();
        }

        try
        {
            await step(await access.OrganisationAsync(User, ct), m);
        }
        catch (OutturnException ex)
        {
            await LoadAsync(month, null, ct);
            Problem = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/collection?period={Uri.EscapeDataString(m.ToString())}&done={done}");
    }

    private async Task LoadAsync(string? period, string? state, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        var latest = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
        Months = [.. Enumerable.Range(-1, 25).Select(i => latest.Shift(-i))];
        Month = Period.TryParse(period, out var p) && p.Kind == PeriodKind.Month ? p : latest;
        Only =
            Enum.TryParse<CollectionState>(state, ignoreCase: true, out var s) && !int.TryParse(state, out _)
                ? s
                : null;
        All = await collection.DueAsync(org, Month, ct);
        Lock = PeriodLocks.Closing(await locks.ByMonthAsync(org, ct), Month);
        MonthEnded = Month.HasEndedBy(collection.Today);
    }

    /// <summary>GOV.UK tag colours for each state; the state is always written too.</summary>
    public static string TagOf(CollectionState state) =>
        "govuk-tag "
        + state switch
        {
            CollectionState.Overdue => "govuk-tag--red",
            CollectionState.Returned => "govuk-tag--orange",
            CollectionState.Submitted => "govuk-tag--blue",
            CollectionState.Approved => "govuk-tag--green",
            CollectionState.Entered => "govuk-tag--light-blue",
            _ => "govuk-tag--grey",
        };
}
