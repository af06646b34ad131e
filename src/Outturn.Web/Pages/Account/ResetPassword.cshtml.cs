using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Account;

/// <summary>
/// The page an emailed reset link opens (<see cref="ForgotPasswordModel"/>): the new password twice. The link works
/// once and for <see cref="ForgotPasswordModel.LinkLifetime"/>; setting the password ends every session of the
/// person's (the security stamp changes) and lifts a lock-out from wrong passwords, never a removal of access.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<OutturnUser> users, OutturnDbContext db, TimeProvider clock)
    : PageModel
{
    public List<(string Field, string Message)> Errors { get; } = [];
    public bool LinkWorks { get; private set; }
    public string? PersonId { get; private set; }
    public string? Token { get; private set; }

    public string? ErrorOf(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(string? user, string? token)
    {
        (PersonId, Token) = (user, token);
        LinkWorks = await PersonAsync(user, token) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? user, string? token, string? password, string? confirm)
    {
        (PersonId, Token) = (user, token);
        if (await PersonAsync(user, token) is not { } person)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        LinkWorks = true;
        if (string.IsNullOrEmpty(password))
        {
            Errors.Add(("password", "Enter a new password"));
        }
        else if (password.Length < OutturnOptions.MinimumPasswordLength)
        {
            Errors.Add(
                ("password", $"Enter a new password of at least {OutturnOptions.MinimumPasswordLength} characters")
            );
        }
        else if (password != confirm)
        {
            Errors.Add(("confirm", "Enter the same new password twice"));
        }

        if (Errors.Count == 0)
        {
            var result = await users.ResetPasswordAsync(person, token!, password!);
            if (result.Succeeded)
            {
                await users.ResetAccessFailedCountAsync(person);
                if (person.LockoutEnd is { } end && end > clock.GetUtcNow() && end < clock.GetUtcNow().AddYears(50))
                {
                    await users.SetLockoutEndDateAsync(person, null);
                }

                await AuditLog.WriteAsync(
                    db,
                    person.OrganisationId,
                    clock.GetUtcNow().UtcDateTime,
                    person.UserName!,
                    AuditKinds.PasswordReset,
                    person.UserName!,
                    "by the emailed link",
                    HttpContext.Connection.RemoteIpAddress?.ToString(),
                    HttpContext.RequestAborted
                );
                return Redirect("/account/sign-in?reset=true");
            }

            Errors.Add(("password", string.Join(" ", result.Errors.Select(e => e.Description))));
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The person the link is for, when it is theirs, unused and not expired, and they may still sign
    /// in.</summary>
    private async Task<OutturnUser?> PersonAsync(string? user, string? token)
    {
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(token) || await users.FindByIdAsync(user) is not { } p)
        {
            return null;
        }

        if (p.LockoutEnd > clock.GetUtcNow().AddYears(50))
        {
            return null;
        }

        var purpose = UserManager<OutturnUser>.ResetPasswordTokenPurpose;
        return await users.VerifyUserTokenAsync(p, users.Options.Tokens.PasswordResetTokenProvider, purpose, token)
            ? p
            : null;
    }
}
