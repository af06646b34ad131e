using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;

namespace Outturn.Web.Pages.Account;

/// <summary>Local accounts. Five wrong passwords lock the account for 15 minutes. The answer to a failed sign-in is
/// the same, and takes about as long, whether or not the account exists or is locked, so that neither tells
/// anyone which accounts there are; attempts are also limited per address (<see cref="RequestLimits"/>).</summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<OutturnUser> signIn,
    OutturnOptions options,
    Data.Storage.OutturnDbContext db,
    TimeProvider clock
) : PageModel
{
    public const string Failed =
        "The user name or password is not right. After 5 wrong attempts an account is locked for 15 minutes.";

    // A hash to check a password against when there is no account, so that an unknown name costs what a known one does.
    private static readonly string Decoy = new PasswordHasher<OutturnUser>().HashPassword(
        new OutturnUser(),
        Guid.NewGuid().ToString()
    );

    /// <summary>The OpenID Connect provider's name, when one is configured.</summary>
    public string? External => options.Oidc.Enabled ? options.Oidc.DisplayName : null;

    public string? Error { get; private set; }
    public string? UserName { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    /// <summary>Arrived from setting a new password by an emailed link.</summary>
    public bool Reset { get; private set; }

    public void OnGet(string? returnUrl, bool reset = false)
    {
        ReturnUrl = Safe(returnUrl);
        Reset = reset;
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        UserName = username;
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your user name and password";
            return Page();
        }

        var person = await signIn.UserManager.FindByNameAsync(username.Trim());
        if (person is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new OutturnUser(), Decoy, password);
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(
                username.Trim(),
                password,
                isPersistent: false,
                lockoutOnFailure: true
            );
            if (result.Succeeded)
            {
                await AuditAsync(person, Data.Storage.AuditKinds.SignIn, username.Trim(), null);
                return LocalRedirect(ReturnUrl);
            }
        }

        await AuditAsync(
            person,
            Data.Storage.AuditKinds.SignInFailed,
            username.Trim(),
            person is null ? "no such account" : "wrong password or locked"
        );
        Error = Failed;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private Task AuditAsync(OutturnUser? person, string kind, string name, string? detail) =>
        Data.Storage.AuditLog.WriteAsync(
            db,
            person?.OrganisationId,
            clock.GetUtcNow().UtcDateTime,
            name,
            kind,
            person?.UserName ?? name,
            detail,
            HttpContext.Connection.RemoteIpAddress?.ToString()
        );

    /// <summary>Off to the organisation's provider; it sends the person back to /account/external.</summary>
    public IActionResult OnPostExternal(string? returnUrl)
    {
        if (!options.Oidc.Enabled)
        {
            return NotFound();
        }

        var back = Url.Page("/Account/External", new { returnUrl = Safe(returnUrl) });
        return Challenge(
            signIn.ConfigureExternalAuthenticationProperties(OidcOptions.Scheme, back),
            OidcOptions.Scheme
        );
    }

    private string Safe(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
