using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Account;

/// <summary>Signing out ends the session everywhere: the person's security stamp changes, so no copy of the cookie
/// (see <see cref="SessionCheck"/>) signs in again.</summary>
public sealed class SignOutModel(SignInManager<OutturnUser> signIn, UserManager<OutturnUser> users) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
