using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Web.Pages.Entry;

/// <summary>Enter one measure's figure for one period: value, qualifier, note, commentary, corrective action, or why
/// there is no figure, and (performance officers and administrators) its target; or an action's status. Errors in the
/// GOV.UK error-summary pattern; on saving, the measure page shows the new rating.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.EnterFigures)]
public sealed class EnterModel(
    Access access,
    MeasureQueries measures,
    EntryService entries,
    OutturnDbContext db,
    TimeProvider clock
) : PageModel
{
    public const int MaxNote = 500;

    public Item Item { get; private set; } = null!;
    public Period Period { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];

    [BindProperty]
    public string? Value { get; set; }

    [BindProperty]
    public string? Qualifier { get; set; }

    [BindProperty]
    public string? MissingReason { get; set; }

    [BindProperty]
    public string? ValueNote { get; set; }

    [BindProperty]
    public string? Commentary { get; set; }

    [BindProperty]
    public string? CorrectiveAction { get; set; }

    [BindProperty]
    public string? Target { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    /// <summary>Why a stored figure is being corrected (optional), kept with each field it changes.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Whether the period already has an entry, so that saving corrects it (and a reason is asked for).
    /// </summary>
    public bool Correcting { get; private set; }

    /// <summary>The person has seen the warnings about the figure and says it is right.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>What looks unlikely about the figure (<see cref="Plausibility"/>): shown, and saved only once
    /// confirmed.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public bool IsAction => Item.Kind == ItemKind.Action;

    /// <summary>The lock on the period's month, if it is locked: then only a performance officer may change its
    /// figure, giving a reason.</summary>
    public Domain.Cycle.PeriodLock? Lock { get; private set; }

    /// <summary>Whether this person may correct a locked month's figure (with a reason).</summary>
    public bool MayCorrectLocked => User.Allows(Policies.LockPeriods);

    /// <summary>Targets are set by performance officers and administrators, not by the measure's owner.</summary>
    public bool CanSetTarget => !IsAction && User.Allows(Policies.SetTargets);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public async Task<IActionResult> OnGetAsync(string reference, string period, CancellationToken ct)
    {
        reference = RouteText.Decode(reference);
        if (await LoadAsync(reference, period, ct) is { } refusal)
        {
            return refusal;
        }

        var current = (
            await measures.FindAsync(await access.OrganisationAsync(User, ct), reference, ct)
        )!.Entries.FirstOrDefault(e => e.Period == Period.ToString());
        Correcting = current is not null;
        if (current is not null)
        {
            Value = EntryFields.ValueCell(current);
            Qualifier = current.Qualifier is { } q ? Codes.Of((Qualifier)q) : null;
            MissingReason = EntryFields.MissingReasonCell(current);
            Target = EntryFields.DescribeTarget(current);
            Status = current.Status is { } st ? Codes.Of((ActionStatus)st) : null;
            (ValueNote, Commentary, CorrectiveAction) = (
                current.ValueNote,
                current.Commentary,
                current.CorrectiveAction
            );
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string period, CancellationToken ct)
    {
        reference = RouteText.Decode(reference);
        if (await LoadAsync(reference, period, ct) is { } refusal)
        {
            return refusal;
        }

        var stored = await measures.FindAsync(await access.OrganisationAsync(User, ct), Item.Ref, ct);
        Correcting = stored?.Entries.Any(e => e.Period == Period.ToString()) == true;
        var entry = new Data.Entities.Entry { Period = Period.ToString(), UpdatedBy = "" };
        var fields = EntryField.ValueNote | EntryField.Commentary | EntryField.CorrectiveAction;
        if (IsAction)
        {
            if (Status is { Length: > 0 } && !Codes.TryParse<ActionStatus>(Status, out _))
            {
                Errors.Add(("status", "Choose a status from the list"));
            }

            entry.Status = Codes.TryParse<ActionStatus>(Status, out var status) ? (int)status : null;
            fields |= EntryField.Status;
        }
        else
        {
            ReadFigure(entry);
            fields |= EntryField.Value | EntryField.Qualifier;
            if (CanSetTarget)
            {
                if (!OutturnText.TrySetTarget(Target, entry, Item.Unit))
                {
                    Errors.Add(("target", $"Enter the target as {OutturnText.ExpectedTarget}"));
                }

                fields |= EntryField.Target;
            }
        }

        if (Lock is not null && !MayCorrectLocked)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (Lock is not null && string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add(("reason", $"Say why the figure is changing: {Lock.Describe()}"));
        }

        if (Reason is { Length: > Data.Entities.EntryChange.MaxReason })
        {
            Errors.Add(("reason", $"The reason must be {Data.Entities.EntryChange.MaxReason} characters or fewer"));
        }

        if (ValueNote is { Length: > MaxNote })
        {
            Errors.Add(("value-note", $"The note must be {MaxNote} characters or fewer"));
        }

        foreach (
            var (field, name, text) in new[]
            {
                ("value-note", "note", ValueNote),
                ("commentary", "commentary", Commentary),
                ("corrective-action", "corrective action", CorrectiveAction),
            }
        )
        {
            if (text is not null && Data.Interchange.TableLimits.ProblemWith(text) is { } problem)
            {
                Errors.Add((field, $"The {name} must be {problem}"));
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!IsAction && entry.ValueKind == (int)OutturnKind.Number && entry.ValueNumber is { } figure && !Confirmed)
        {
            Warnings = Plausibility.Check(
                Item.ToProfile(),
                Period,
                figure,
                stored?.Entries.Select(e => e.ToDomain()) ?? [],
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
            );
            if (Warnings.Count > 0)
            {
                return Page();
            }
        }

        entry.Qualifier = Codes.TryParse<Qualifier>(Qualifier, out var qualifier) ? (int)qualifier : null;
        entry.ValueNote = Blank(ValueNote);
        entry.Commentary = Blank(Commentary);
        entry.CorrectiveAction = Blank(CorrectiveAction);
        await entries.SaveAsync(
            Item,
            Period,
            entry,
            fields,
            User.Identity!.Name!,
            "web form",
            Reason,
            MayCorrectLocked,
            ct
        );
        return Redirect($"/measures/{Uri.EscapeDataString(Item.Ref)}?saved={Uri.EscapeDataString(Period.ToString())}");
    }

    private void ReadFigure(Data.Entities.Entry entry)
    {
        if (!OutturnText.TrySet(Value, Item.Unit, entry))
        {
            Errors.Add(("value", $"Enter the figure as {OutturnText.Expected}"));
        }

        if (Qualifier is { Length: > 0 } && !Codes.TryParse<Qualifier>(Qualifier, out _))
        {
            Errors.Add(("qualifier", "Choose a qualifier from the list"));
        }

        if (MissingReason is { Length: > 0 })
        {
            if (!Codes.TryParse<MissingReason>(MissingReason, out var reason))
            {
                Errors.Add(("missing-reason", "Choose a reason from the list"));
            }
            else if (entry.ValueKind is not null)
            {
                Errors.Add(("missing-reason", "Give either a figure or a reason there is none, not both"));
            }
            else
            {
                (entry.ValueKind, entry.MissingReason) = ((int)OutturnKind.Missing, (int)reason);
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<IActionResult?> LoadAsync(string reference, string period, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (
            await measures.FindAsync(org, reference, ct) is not { } record
            || !Period.TryParse(period, out var p)
            || p.Kind != record.Item.Frequency.NativePeriodKind()
        )
        {
            return NotFound();
        }

        if (!await access.CanEnterAsync(User, org, record.Item))
        {
            return Forbid();
        }

        (Item, Period) = (record.Item, p);
        Lock = Domain.Cycle.PeriodLocks.Closing(await Data.Cycle.PeriodLockService.ReadAsync(db, org.Id, ct), p);
        return null;
    }
}
