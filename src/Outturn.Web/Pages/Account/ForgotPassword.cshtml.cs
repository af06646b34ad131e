using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Account;

/// <summary>
/// A person who has forgotten their password asks for a link to choose a new one, sent to the email address their
/// account holds. The answer is the same whether or not the account exists, has an address or may sign in, and the
/// email is sent after the answer, so neither the words nor the time tell an account apart. Only where email and the
/// public address are configured (links in an email must be absolute); people whose access was removed, and people who
/// sign in with their organisation's account, are sent nothing.
/// </summary>
[AllowAnonymous]
public sealed partial class ForgotPasswordModel(
    UserManager<OutturnUser> users,
    OutturnDbContext db,
    OutturnOptions options,
    TimeProvider clock,
    ILogger<ForgotPasswordModel> log
) : PageModel
{
    /// <summary>How long a link works, in hours.</summary>
    public const int LinkHours = 2;

    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(LinkHours);

    public static string LinkLifetimeWords => $"{LinkHours} hours";

    public bool Available => options.Email.IsConfigured && !string.IsNullOrWhiteSpace(options.PublicBaseAddress);
    public bool Sent { get; private set; }
    public string? Error { get; private set; }
    public string? Name { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent && Available;

    public async Task<IActionResult> OnPostAsync(string? name, CancellationToken ct)
    {
        if (!Available)
        {
            return Page();
        }

        Name = name;
        if (string.IsNullOrWhiteSpace(name))
        {
            Error = "Enter your user name or email address";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var key = name.Trim().ToUpperInvariant();
        var candidates = await db
            .Users.Where(u => u.NormalizedUserName == key || u.NormalizedEmail == key)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var messages = new List<EmailMessage>();
        foreach (var person in candidates)
        {
            if (
                person.Email is not { Length: > 0 } email
                || person.PasswordHash is null
                || person.LockoutEnd > now.AddYears(50)
            )
            {
                continue;
            }

            var token = await users.GeneratePasswordResetTokenAsync(person);
            var link =
                options.PublicBaseAddress!.TrimEnd('/')
                + $"/account/reset-password?user={Uri.EscapeDataString(person.Id)}"
                + $"&token={Uri.EscapeDataString(token)}";
            messages.Add(new EmailMessage(email, [], "Outturn: reset your password", Body(person, link)));
            await AuditLog.WriteAsync(
                db,
                person.OrganisationId,
                now.UtcDateTime,
                person.UserName!,
                AuditKinds.PasswordResetAsked,
                person.UserName!,
                $"link sent to {email}",
                HttpContext.Connection.RemoteIpAddress?.ToString(),
                ct
            );
        }

        if (messages.Count > 0)
        {
            // After the answer, so that the time taken does not tell whether an account exists.
            var sender = new EmailSender(options.Email);
            _ = Task.Run(
                async () =>
                {
                    try
                    {
                        await sender.SendAsync(messages, CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        LogNotSent(log, ex);
                    }
                },
                CancellationToken.None
            );
        }

        return Redirect("/account/forgot-password?sent=true");
    }

    private static string Body(OutturnUser person, string link) =>
        $"""
            Hello {(person.DisplayName is { Length: > 0 } n ? n : person.UserName)},

            Someone, probably you, asked to reset the password of your Outturn account '{person.UserName}'.

            To choose a new password, open this link within {LinkLifetimeWords}. It works once:

            {link}

            If it was not you, you need do nothing: your password has not changed.
            """;

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset email could not be sent")]
    private static partial void LogNotSent(ILogger logger, Exception ex);
}
