using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// A signed-in cookie is good only while its person's security stamp in the database is the one it was issued
/// with, checked on every request: signing out, a changed role or password and removed access all change the stamp,
/// so a copied cookie stops working at once, on every instance that shares the database.
/// </summary>
/// <remarks>Signing out therefore ends all of that person's sessions, on every device: a session per device would need
/// tickets kept on the server.</remarks>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var options = context
            .HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>()
            .Value.ClaimsIdentity;
        var id = principal?.FindFirstValue(options.UserIdClaimType);
        var stamp = principal?.FindFirstValue(options.SecurityStampClaimType);
        if (id is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<OutturnDbContext>();
            var current = await db
                .Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new { u.SecurityStamp })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current is null || current.SecurityStamp != stamp)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
