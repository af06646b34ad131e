using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Account;

/// <summary>
/// Where the OpenID Connect provider sends a person back. Their identity is linked to the Outturn account whose user
/// name or email is the provider's preferred_username (or email, or upn); after the first time, the link itself is
/// used. Nobody gets an account this way: an administrator adds people and their roles first. Lockout applies.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(
    SignInManager<OutturnUser> signIn,
    UserManager<OutturnUser> users,
    OutturnOptions options,
    Data.Storage.OutturnDbContext db,
    TimeProvider clock,
    ILogger<ExternalModel> log
) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Refuse("The sign-in with your organisation's account did not complete. Try again.");
        }

        var linked = await signIn.ExternalLoginSignInAsync(
            info.LoginProvider,
            info.ProviderKey,
            isPersistent: false,
            bypassTwoFactor: true
        );
        if (linked.Succeeded)
        {
            if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } person)
            {
                await AuditSignInAsync(person, info.ProviderDisplayName ?? info.LoginProvider);
            }

            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return LocalRedirect(back);
        }

        if (linked.IsLockedOut)
        {
            return Refuse("This account is locked after too many attempts: try again in 15 minutes.");
        }

        var name = options
            .Oidc.UserClaims.Select(c => info.Principal.FindFirst(c)?.Value)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var user = name is null ? null : await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is null)
        {
            Log.ExternalSignInRefused(log, info.ProviderDisplayName, name);
            return Refuse(
                $"There is no Outturn account for {name ?? "your account"}. Ask an administrator to add you."
            );
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Refuse("This account is locked after too many attempts: try again in 15 minutes.");
        }

        var added = await users.AddLoginAsync(user, info);
        if (!added.Succeeded)
        {
            return Refuse(
                "Your organisation's account could not be linked: "
                    + string.Join(" ", added.Errors.Select(e => e.Description))
            );
        }

        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        await AuditSignInAsync(user, info.ProviderDisplayName ?? info.LoginProvider);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return LocalRedirect(back);
    }

    /// <summary>A sign-in through the provider is in the audit trail as a password sign-in is (and so in the People
    /// page's "Last signed in").</summary>
    private Task AuditSignInAsync(OutturnUser person, string provider) =>
        Data.Storage.AuditLog.WriteAsync(
            db,
            person.OrganisationId,
            clock.GetUtcNow().UtcDateTime,
            person.UserName!,
            Data.Storage.AuditKinds.SignIn,
            person.UserName!,
            $"through {provider}",
            HttpContext.Connection.RemoteIpAddress?.ToString()
        );

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
