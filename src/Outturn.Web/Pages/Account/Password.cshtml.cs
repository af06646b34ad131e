using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Account;

/// <summary>A signed-in person changes their own password: the current one, then the new one twice. Every other
/// session of theirs ends (the security stamp changes, <see cref="SessionCheck"/>); this one carries on. A person who
/// signs in with their organisation's account has no password here.</summary>
public sealed class PasswordModel(SignInManager<OutturnUser> signIn, UserManager<OutturnUser> users) : PageModel
{
    public List<(string Field, string Message)> Errors { get; } = [];
    public bool Changed { get; private set; }
    public bool HasPassword { get; private set; }

    public string? ErrorOf(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(bool changed = false)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        HasPassword = await users.HasPasswordAsync(user);
        Changed = changed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        HasPassword = await users.HasPasswordAsync(user);
        if (!HasPassword)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(current))
        {
            Errors.Add(("current", "Enter your current password"));
        }

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
            var result = await users.ChangePasswordAsync(user, current!, password!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                return RedirectToPage(new { changed = true });
            }

            Errors.Add(
                result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                    ? ("current", "Your current password is not right")
                    : ("password", string.Join(" ", result.Errors.Select(e => e.Description)))
            );
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
