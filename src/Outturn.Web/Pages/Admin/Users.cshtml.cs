using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Admin;

/// <summary>The organisation's people and their roles; an administrator adds people.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UsersModel(Access access, UserManager<OutturnUser> users) : PageModel
{
    public IReadOnlyList<(OutturnUser User, IList<string> Roles)> People { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? Added { get; private set; }

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Password { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (string.IsNullOrWhiteSpace(UserName))
        {
            Errors.Add(("user-name", "Enter a user name"));
        }

        if (Role is null || !Roles.All.Contains(Role))
        {
            Errors.Add(("role", "Choose a role"));
        }

        if (Errors.Count == 0)
        {
            var person = new OutturnUser { UserName = UserName!.Trim(), DisplayName = DisplayName?.Trim() ?? UserName.Trim(), OrganisationId = org.Id };
            var created = await users.CreateAsync(person, Password ?? "");
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(person, Role!);
                Added = person.UserName;
                (UserName, DisplayName, Password, Role) = (null, null, null, null);
            }
            else
            {
                Errors.AddRange(created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "user-name", e.Description)));
            }
        }

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
        var people = await users.Users.Where(u => u.OrganisationId == org.Id || u.OrganisationId == null).OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<(OutturnUser, IList<string>)>();
        foreach (var p in people)
        {
            list.Add((p, await users.GetRolesAsync(p)));
        }

        People = list;
    }
}
