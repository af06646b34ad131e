using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Cli.Commands;

/// <summary><c>outturn users reset-password</c>: for an administrator who has lost their password (or anyone's,
/// run by whoever holds the database).</summary>
internal static class UsersCommand
{
    /// <summary>As the web app's rule (NCSC: length over composition).</summary>
    private const int MinimumLength = 12;

    public static Command Build()
    {
        var user = new Option<string>("--user") { Description = "The person's user name.", Required = true };
        var stdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the new password from standard input (default: make one up and print it once).",
        };
        var reset = new Command(
            "reset-password",
            "Give a person a new password (their sessions end and a lock-out is lifted); prints a made-up one unless "
                + "--password-stdin."
        )
        {
            user,
            stdin,
        };
        reset.SetAction(
            (parse, ct) =>
                CommonOptions.RunAsync(
                    parse,
                    async db =>
                    {
                        var name = parse.GetValue(user)!.Trim();
                        var key = name.ToUpperInvariant();
                        var person =
                            await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == key, ct)
                            ?? throw new OutturnException($"There is no person with the user name '{name}'.");
                        var madeUp = !parse.GetValue(stdin);
                        var password = madeUp
                            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))
                            : (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
                        if (password.Length < MinimumLength)
                        {
                            throw new OutturnException(
                                $"The password has {password.Length} characters: at least {MinimumLength} are needed."
                            );
                        }

                        person.PasswordHash = new PasswordHasher<OutturnUser>().HashPassword(person, password);
                        person.SecurityStamp = Guid.NewGuid().ToString("N");
                        person.AccessFailedCount = 0;
                        person.LockoutEnd =
                            person.LockoutEnd > DateTimeOffset.UtcNow.AddYears(50) ? person.LockoutEnd : null;
                        await db.SaveChangesAsync(ct);
                        var output = CommonOptions.Out(parse);
                        await output.WriteLineAsync(
                            madeUp
                                ? $"{person.UserName}'s new password (shown once): {password}"
                                : $"{person.UserName}'s password is changed."
                        );
                        return 0;
                    }
                )
        );
        return new Command("users", "Look after people's sign-in.") { reset };
    }
}
