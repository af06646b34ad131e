using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Committees;

/// <summary>Before a committee's period is published: what is missing, not approved or flagged (red without
/// commentary, red or amber without corrective action, figures that may be slips), with counts, then an explicit
/// confirmation. Publishing itself is the dashboard's Publish handler, which refuses an unconfirmed request.</summary>
[Authorize(Policy = Policies.Publish)]
public sealed class PublishModel(
    Access access,
    EvaluationService evaluations,
    CollectionService collection,
    ReportMaker reports,
    CoveringDrafts drafts,
    TimeProvider clock
) : PageModel
{
    public const int MaxNote = 2000;

    /// <summary>The period's publication, if it was ever published (withdrawn too).</summary>
    public Data.Entities.Publication? Publication { get; private set; }

    /// <summary>A problem with the correction's note or the withdrawal's reason: (field, message).</summary>
    public (string Field, string Message)? Error { get; private set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string Committee { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<AttentionItem> Found { get; private set; } = [];
    public int Items { get; private set; }
    public bool IsPublished { get; private set; }
    public bool Ended { get; private set; }
    public bool Unconfirmed { get; private set; }

    /// <summary>The committee's covering reports, each meeting's latest version, latest meeting first.</summary>
    public IReadOnlyList<Data.Entities.CoveringReportDraft> Papers { get; private set; } = [];

    /// <summary>The paper chosen to begin with: the one for the first meeting after the period ended.</summary>
    public long? Suggested { get; private set; }

    public int Count(AttentionKind kind) => Found.Count(f => f.Kind == kind);

    public async Task<IActionResult> OnGetAsync(
        string committee,
        string? period,
        bool unconfirmed,
        CancellationToken ct
    )
    {
        var org = await access.OrganisationAsync(User, ct);
        Committee = RouteText.Decode(committee);
        if (
            !(await evaluations.CommitteesAsync(org, ct)).Contains(Committee)
            || !Period.TryParse(period, out var p)
            || p.Kind != PeriodKind.Month
        )
        {
            return NotFound();
        }

        Period = p;
        Unconfirmed = unconfirmed;
        Publication = await access.PublicationAsync(org, Committee, p.ToString(), ct);
        Ended = p.HasEndedBy(collection.Today);
        IsPublished = await access.IsPublishedAsync(org, Committee, p.ToString(), ct);
        var items = await evaluations.EvaluateAsync(org, p, Committee, ct: ct);
        Items = items.Count;
        Found = collection.Attention(
            items,
            await collection.DueAsync(org, p, ct),
            p,
            await collection.PeopleAsync(org, ct)
        );
        Papers = [.. (await drafts.PapersAsync(org, ct)).Where(d => d.Committee == Committee)];
        Suggested = Papers.Where(d => p.HasEndedBy(d.Meeting)).MinBy(d => d.Meeting)?.Id;
        return Page();
    }

    /// <summary>Publishes the dashboard as it is now as a corrected version, with the note the public sees; the
    /// version it replaces stays readable.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(string committee, string? period, CancellationToken ct)
    {
        var page = await OnGetAsync(committee, period, false, ct);
        if (page is not PageResult)
        {
            return page;
        }

        var note = Note?.Trim();
        if (!IsPublished)
        {
            return BadRequest("Only a published period can be corrected.");
        }

        if (string.IsNullOrEmpty(note) || note.Length > MaxNote)
        {
            Error = (
                "note",
                string.IsNullOrEmpty(note)
                    ? "Enter what was corrected and why: the public sees it"
                    : $"The note must be {MaxNote:N0} characters or fewer"
            );
            return Page();
        }

        var org = await access.OrganisationAsync(User, ct);
        var now = clock.GetUtcNow();
        var snapshot = await reports.BuildAsync(
            new ReportRequest(org, Domain.Reporting.ReportLayout.Dashboard, Period, Committee, now),
            ct
        );
        await access.CorrectAsync(
            org,
            Committee,
            Period.ToString(),
            User.Identity!.Name!,
            now.UtcDateTime,
            note,
            Outturn.Reports.Model.ReportJson.Write(snapshot),
            ct
        );
        return Redirect(Dashboard(Committee, Period) + "&view=published");
    }

    /// <summary>Withdraws the publication: the figures are no longer public, and visitors are told why.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(string committee, string? period, CancellationToken ct)
    {
        var page = await OnGetAsync(committee, period, false, ct);
        if (page is not PageResult)
        {
            return page;
        }

        var reason = Reason?.Trim();
        if (!IsPublished)
        {
            return BadRequest("Only a published period can be withdrawn.");
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > MaxNote)
        {
            Error = (
                "reason",
                string.IsNullOrEmpty(reason)
                    ? "Enter why it is withdrawn: the public sees it"
                    : $"The reason must be {MaxNote:N0} characters or fewer"
            );
            return Page();
        }

        var org = await access.OrganisationAsync(User, ct);
        await access.WithdrawAsync(
            org,
            Committee,
            Period.ToString(),
            User.Identity!.Name!,
            clock.GetUtcNow().UtcDateTime,
            reason,
            ct
        );
        return Redirect(Dashboard(Committee, Period));
    }

    public static string Dashboard(string committee, Period period) =>
        $"/committees/{Uri.EscapeDataString(committee)}?period={Uri.EscapeDataString(period.ToString())}";
}
