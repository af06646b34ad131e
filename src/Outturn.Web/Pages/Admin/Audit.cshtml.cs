using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>The audit trail, for administrators: sign-ins (failed ones too, with the address), publications,
/// corrections and withdrawals, collection steps, people, roles and access, API tokens; newest first, filtered by
/// kind and by who, downloadable as CSV. Read only: nothing here changes or deletes an event.</summary>
[Authorize(Policy = Policies.ManagePeople)]
public sealed class AuditModel(Access access, OutturnDbContext db) : PageModel
{
    public const int Shown = 500;
    public const int MaxExport = 100_000;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public string? Kind { get; private set; }
    public string? Actor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kind, string? actor, CancellationToken ct)
    {
        await LoadAsync(kind, actor, Shown, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? kind, string? actor, CancellationToken ct)
    {
        await LoadAsync(kind, actor, MaxExport, ct);
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

    private async Task LoadAsync(string? kind, string? actor, int limit, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Kind = AuditKinds.All.Contains(kind) ? kind : null;
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        // An administrator of the whole installation also sees what concerns no organisation (unknown names' sign-ins).
        var installation = await access.UserAsync(User) is { OrganisationId: null };
        Events = await AuditLog.ReadAsync(db, org.Id, installation, Kind, Actor, limit, ct);
    }
}
