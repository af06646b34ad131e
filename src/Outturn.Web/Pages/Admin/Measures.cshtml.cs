using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>The framework's measures and actions, each with a link to change its definition; and a way to add
/// one.</summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class MeasuresModel(Access access, OutturnDbContext db) : PageModel
{
    public IReadOnlyList<Item> Items { get; private set; } = [];
    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Items = await db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i => i.OrganisationId == org.Id)
            .OrderBy(i => i.SortOrder)
            .AsSplitQuery()
            .ToListAsync(ct);
        Saved = saved;
    }
}
