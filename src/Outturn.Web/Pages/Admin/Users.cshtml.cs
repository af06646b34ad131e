using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Admin;

/// <summary>The organisation's people and their roles: an administrator adds people, changes a person's role, and
/// removes or restores a person's access (kept, not deleted, so that history still names them).</summary>
[Authorize(Policy = Policies.ManagePeople)]
public sealed class UsersModel(
    Access access,
    UserManager<OutturnUser> users,
    Data.Storage.OutturnDbContext db,
    TimeProvider clock
) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Everyone, for the lists of managers and deputies.</summary>
    public IReadOnlyList<(OutturnUser User, IList<string> Roles)> People { get; private set; } = [];

    /// <summary>The page of people the table shows: found by <c>?q=</c> in the user name, name or email address,
    /// <c>?has-role=</c> and <c>?access=yes|no</c>.</summary>
    public Paged<(OutturnUser User, IList<string> Roles)> Shown { get; private set; } =
        Paged.Of<(OutturnUser, IList<string>)>([], 1, PageSize);
    public string? Search { get; private set; }
    public string? RoleFilter { get; private set; }
    public string? AccessFilter { get; private set; }
    public bool Filtered => Search is not null || RoleFilter is not null || AccessFilter is not null;

    /// <summary>When each person (by user name) last signed in; someone who never has is not here.</summary>
    public IReadOnlyDictionary<string, DateTime> LastSignIns { get; private set; } = new Dictionary<string, DateTime>();
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? Added { get; private set; }
    public string? Done { get; private set; }

    public bool HasAccess(OutturnUser user) => user.LockoutEnd is null || user.LockoutEnd < clock.GetUtcNow();

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

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

        var email = EmailOf(Email, "email");

        if (Errors.Count == 0)
        {
            var person = new OutturnUser
            {
                UserName = UserName!.Trim(),
                DisplayName = DisplayName?.Trim() ?? UserName.Trim(),
                Email = email,
                OrganisationId = org.Id,
            };
            var created = await users.CreateAsync(person, Password ?? "");
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(person, Role!);
                await AuditAsync(org.Id, Data.Storage.AuditKinds.PersonAdded, person.UserName, Roles.Words(Role!));
                Added = person.UserName;
                (UserName, DisplayName, Password, Role, Email) = (null, null, null, null, null);
            }
            else
            {
                Errors.AddRange(
                    created.Errors.Select(e =>
                        (
                            e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "user-name",
                            e.Description
                        )
                    )
                );
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>An email address as given (trimmed), null for none; an error on <paramref name="field"/> when it is
    /// not one.</summary>
    private string? EmailOf(string? text, string field)
    {
        var email = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (
            email is not null
            && (
                email.Length > 256
                || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed)
                || parsed.Address != email
            )
        )
        {
            Errors.Add((field, "Enter an email address in the correct format, like name@example.gov.uk"));
        }

        return email;
    }

    /// <summary>A person's email address, manager and deputy: who reminders go to and who is told when their figures
    /// are long overdue.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(
        string id,
        string? email,
        string? manager,
        string? deputy,
        CancellationToken ct
    )
    {
        if (await PersonAsync(id, ct) is not { } person)
        {
            return NotFound();
        }

        var address = EmailOf(email, $"email-{person.Id}");
        var org = await access.OrganisationAsync(User, ct);
        string? Colleague(string? other, string field)
        {
            if (string.IsNullOrEmpty(other))
            {
                return null;
            }

            if (other == person.Id || !users.Users.Any(u => u.Id == other && u.OrganisationId == org.Id))
            {
                Errors.Add((field, "Choose another person of the organisation, or no one"));
            }

            return other;
        }

        var managerId = Colleague(manager, $"manager-{person.Id}");
        var deputyId = Colleague(deputy, $"manager-{person.Id}");
        if (Errors.Count == 0)
        {
            person.Email = address;
            person.NormalizedEmail = address?.ToUpperInvariant();
            person.ManagerId = managerId;
            person.DeputyId = deputyId;
            await users.UpdateAsync(person);
            await AuditAsync(
                person.OrganisationId,
                Data.Storage.AuditKinds.PersonChanged,
                person.UserName!,
                $"email {address ?? "none"}, manager {managerId ?? "none"}, deputy {deputyId ?? "none"}"
            );
            Done = $"{person.UserName}'s email address, manager and deputy are saved.";
        }

        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string? role, CancellationToken ct)
    {
        if (await PersonAsync(id, ct) is not { } person)
        {
            return NotFound();
        }

        if (role is null || !Roles.All.Contains(role))
        {
            Errors.Add(($"role-{person.Id}", "Choose a role"));
        }
        else if (person.UserName == User.Identity!.Name && role != Roles.Administrator)
        {
            Errors.Add(
                ($"role-{person.Id}", "You cannot take away your own administrator role: ask another administrator")
            );
        }
        else
        {
            await users.RemoveFromRolesAsync(person, await users.GetRolesAsync(person));
            await users.AddToRoleAsync(person, role);
            await users.UpdateSecurityStampAsync(person);
            await AuditAsync(
                person.OrganisationId,
                Data.Storage.AuditKinds.RoleChanged,
                person.UserName!,
                Roles.Words(role)
            );
            Done = $"{person.UserName} is now {role}.";
        }

        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostAccessAsync(string id, bool restore, CancellationToken ct)
    {
        if (await PersonAsync(id, ct) is not { } person)
        {
            return NotFound();
        }

        if (person.UserName == User.Identity!.Name)
        {
            Errors.Add(($"access-{person.Id}", "You cannot remove your own access"));
            return await PageAsync(ct);
        }

        // Removing access locks the account for good and signs the person out everywhere (their cookies' security
        // stamp no longer matches); the account stays, so the history of what they did still names them.
        await users.SetLockoutEnabledAsync(person, true);
        await users.SetLockoutEndDateAsync(person, restore ? null : DateTimeOffset.MaxValue);
        await AuditAsync(
            person.OrganisationId,
            Data.Storage.AuditKinds.AccessChanged,
            person.UserName!,
            restore ? "access restored" : "access removed"
        );
        await users.UpdateSecurityStampAsync(person);
        Done = restore ? $"{person.UserName} can sign in again." : $"{person.UserName} can no longer sign in.";
        return await PageAsync(ct);
    }

    /// <summary>A person of this organisation (not another's, and not an installation administrator).</summary>
    private async Task<OutturnUser?> PersonAsync(string id, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        return await users.Users.SingleOrDefaultAsync(u => u.Id == id && u.OrganisationId == org.Id, ct);
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
        var people = await users
            .Users.Where(u => u.OrganisationId == org.Id || u.OrganisationId == null)
            .OrderBy(u => u.UserName)
            .ToListAsync(ct);
        var list = new List<(OutturnUser, IList<string>)>();
        foreach (var p in people)
        {
            list.Add((p, await users.GetRolesAsync(p)));
        }

        People = list;
        Search = ListSearch.Parameter(Request, "q");
        RoleFilter = ListSearch.Parameter(Request, "has-role") is { } r && Roles.All.Contains(r) ? r : null;
        AccessFilter = ListSearch.Parameter(Request, "access") is { } a and ("yes" or "no") ? a : null;
        Shown = Paged.Of(
            [
                .. People.Where(p =>
                    ListSearch.Matches(Search, p.User.UserName, p.User.DisplayName, p.User.Email)
                    && (RoleFilter is null || p.Roles.Contains(RoleFilter))
                    && (AccessFilter is null || HasAccess(p.User) == (AccessFilter == "yes"))
                ),
            ],
            ListSearch.Page(Request),
            PageSize
        );
        LastSignIns = await Data.Storage.AuditLog.LastSignInsAsync(db, [.. people.Select(p => p.UserName!)], ct);
    }

    private Task AuditAsync(int? organisationId, string kind, string subject, string? detail) =>
        Data.Storage.AuditLog.WriteAsync(
            db,
            organisationId,
            clock.GetUtcNow().UtcDateTime,
            User.Identity!.Name!,
            kind,
            subject,
            detail,
            HttpContext.Connection.RemoteIpAddress?.ToString()
        );
}
