using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>The audit trail, for administrators: sign-ins (failed ones too, with the address), publications,
/// corrections and withdrawals, collection steps, people, roles and access, API tokens; newest first, filtered by
/// kind, by who and by words in what it concerns, 100 to a page, downloadable as CSV. Read only: nothing here changes
/// or deletes an event.</summary>
[Authorize(Policy = Policies.ManagePeople)]
public sealed class AuditModel(Access access, OutturnDbContext db) : PageModel
{
    public const int PageSize = 100;
    public const int MaxExport = 100_000;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public string? Kind { get; private set; }
    public string? Actor { get; private set; }
    public string? Text { get; private set; }

    /// <summary>The page of events shown; its rows are <see cref="Events"/>.</summary>
    public Paged<AuditEvent> Shown { get; private set; } = Paged.Of<AuditEvent>([], 1, PageSize);

    public async Task<IActionResult> OnGetAsync(
        string? kind,
        string? actor,
        string? q,
        [FromQuery(Name = "page")] int? pageNumber,
        CancellationToken ct
    )
    {
        var (org, installation, filter) = await FilterAsync(kind, actor, q, ct);
        var total = await AuditLog.CountAsync(db, org, installation, filter, ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var at = Math.Clamp(pageNumber ?? 1, 1, pages);
        Events = await AuditLog.ReadAsync(db, org, installation, filter, (at - 1) * PageSize, PageSize, ct);
        Shown = new Paged<AuditEvent>(Events, at, PageSize, total);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? kind, string? actor, string? q, CancellationToken ct)
    {
        var (org, installation, filter) = await FilterAsync(kind, actor, q, ct);
        Events = await AuditLog.ReadAsync(db, org, installation, filter, 0, MaxExport, ct);
        var rows = Events.Select(e =>
            (IReadOnlyList<string?>)
                [
                    e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    e.Kind,
                    e.Actor,
                    e.Subject,
                    e.Detail,
                    e.Address,
                ]
        );
        return File(
            Outturn.Reports.Writers.CsvWriter.Table(["at", "kind", "actor", "subject", "detail", "address"], rows),
            "text/csv; charset=utf-8",
            "audit.csv"
        );
    }

    private async Task<(int Organisation, bool Installation, AuditLog.Filter Filter)> FilterAsync(
        string? kind,
        string? actor,
        string? text,
        CancellationToken ct
    )
    {
        var org = await access.OrganisationAsync(User, ct);
        Kind = AuditKinds.All.Contains(kind) ? kind : null;
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        // An administrator of the whole installation also sees what concerns no organisation (unknown names' sign-ins).
        var installation = await access.UserAsync(User) is { OrganisationId: null };
        return (org.Id, installation, new AuditLog.Filter(Kind, Actor, Text));
    }
}
