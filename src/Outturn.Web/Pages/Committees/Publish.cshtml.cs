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
public sealed class PublishModel(Access access, EvaluationService evaluations, CollectionService collection) : PageModel
{
    public string Committee { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<AttentionItem> Found { get; private set; } = [];
    public int Items { get; private set; }
    public bool IsPublished { get; private set; }
    public bool Ended { get; private set; }
    public bool Unconfirmed { get; private set; }

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
        Ended = p.HasEndedBy(collection.Today);
        IsPublished = await access.IsPublishedAsync(org, Committee, p.ToString(), ct);
        var items = await evaluations.EvaluateAsync(org, p, Committee, ct: ct);
        var round = (await collection.DueAsync(org, p, ct)).ToLookup(r => r.Item.Id);
        Items = items.Count;
        Found = Attention.Check(
            items.Select(i =>
                (
                    (Domain.Reporting.EvaluatedItem)i,
                    round[i.Item.Id]
                        .Where(r => r.Period.EndMonth == p.EndMonth)
                        .Select(r => r.Standing)
                        .FirstOrDefault()
                )
            ),
            collection.Today
        );
        return Page();
    }
}
