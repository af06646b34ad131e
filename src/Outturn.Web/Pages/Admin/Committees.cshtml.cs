using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>The organisation's committees: how many items each is reported, what has been published; add one, or
/// rename one (its publications follow the new name). Items are put on committees from their own page.</summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class CommitteesModel(Access access, OutturnDbContext db) : PageModel
{
    public const int MaxName = 200;

    public IReadOnlyList<(Committee Committee, int Items, int Published)> List { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? Done { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (Check(Name, "committee-name") is { } name)
        {
            if (await db.Committees.AnyAsync(c => c.OrganisationId == org.Id && c.Name == name, ct))
            {
                Errors.Add(("committee-name", $"There is already a committee called {name}"));
            }
            else
            {
                var next =
                    await db
                        .Committees.Where(c => c.OrganisationId == org.Id)
                        .Select(c => (int?)c.SortOrder)
                        .MaxAsync(ct)
                    ?? -1;
                await DataVersion.BumpAsync(db, org.Id, ct);
                db.Committees.Add(
                    new Committee
                    {
                        OrganisationId = org.Id,
                        Name = name,
                        SortOrder = next + 1,
                    }
                );
                await db.SaveChangesAsync(ct);
                Done = $"{name} is added.";
                Name = null;
            }
        }

        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? newName, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        var committee = await db.Committees.SingleOrDefaultAsync(c => c.Id == id && c.OrganisationId == org.Id, ct);
        if (committee is null)
        {
            return NotFound();
        }

        if (Check(newName, $"rename-{id}") is { } name && name != committee.Name)
        {
            if (await db.Committees.AnyAsync(c => c.OrganisationId == org.Id && c.Name == name && c.Id != id, ct))
            {
                Errors.Add(($"rename-{id}", $"There is already a committee called {name}"));
            }
            else
            {
                // One transaction: the committee and its publications change name together.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var old = committee.Name;
                await DataVersion.BumpAsync(db, org.Id, ct);
                committee.Name = name;
                foreach (
                    var p in await db
                        .Publications.Where(p => p.OrganisationId == org.Id && p.Committee == old)
                        .ToListAsync(ct)
                )
                {
                    p.Committee = name;
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                Done = $"{old} is now called {name}.";
            }
        }

        return await PageAsync(ct);
    }

    private string? Check(string? text, string field)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Errors.Add((field, "Enter the committee's name"));
            return null;
        }

        if (name.Length > MaxName || name.Contains(';', StringComparison.Ordinal))
        {
            Errors.Add((field, $"The name must be {MaxName} characters or fewer, without ;"));
            return null;
        }

        return name;
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        var committees = await db
            .Committees.AsNoTracking()
            .Where(c => c.OrganisationId == org.Id)
            .OrderBy(c => c.SortOrder)
            .Select(c => new { Committee = c, Items = c.Items.Count })
            .ToListAsync(ct);
        var published = await db
            .Publications.AsNoTracking()
            .Where(p => p.OrganisationId == org.Id)
            .GroupBy(p => p.Committee)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        List = [.. committees.Select(c => (c.Committee, c.Items, published.GetValueOrDefault(c.Committee.Name)))];
    }
}
