using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>A person changes their own password: the current one is checked, the new one must be long enough and
/// typed twice; afterwards only the new one signs in, and their other sessions end.</summary>
public class PasswordTests
{
    private const string NewPassword = "a different long passphrase";

    private static async Task<HttpResponseMessage> ChangeAsync(
        HttpClient client,
        string current,
        string password,
        string confirm
    )
    {
        var form = await client.GetStringAsync("/account/password");
        return await client.PostAsync(
            "/account/password",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["current"] = current,
                    ["password"] = password,
                    ["confirm"] = confirm,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
    }

    [Fact]
    public async Task A_person_changes_their_password_and_their_other_sessions_end()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner);
        var here = await factory.SignedInAsync("housing");
        var elsewhere = await factory.SignedInAsync("housing");
        Assert.Contains("href=\"/account/password\"", await here.GetStringAsync("/"), StringComparison.Ordinal);

        foreach (
            var (current, password, confirm, error) in new[]
            {
                ("not my password", NewPassword, NewPassword, "Your current password is not right"),
                (OutturnFactory.Password, "too short", "too short", "Enter a new password of at least 12 characters"),
                (OutturnFactory.Password, NewPassword, NewPassword + "!", "Enter the same new password twice"),
                ("", "", "", "Enter your current password"),
            }
        )
        {
            var refused = await ChangeAsync(here, current, password, confirm);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("There is a problem", page, StringComparison.Ordinal);
            Assert.Contains(error, page, StringComparison.Ordinal);
        }

        var changed = await ChangeAsync(here, OutturnFactory.Password, NewPassword, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains(
            "Your password has been changed",
            await here.GetStringAsync(changed.Headers.Location!.ToString()),
            StringComparison.Ordinal
        );
        // This session carries on; the other one is signed out; only the new password signs in.
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/entry")).StatusCode);
        var other = await elsewhere.GetAsync("/entry");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("/account/sign-in", other.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await OutturnFactory.SignInAsync(factory.Browser(), "housing", OutturnFactory.Password)).StatusCode
        );
        await factory.SignedInAsync("housing", NewPassword);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client,
        string page,
        Dictionary<string, string> fields
    )
    {
        fields["__RequestVerificationToken"] = OutturnFactory.Token(await client.GetStringAsync(page));
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_forgotten_password_is_reset_by_an_emailed_link_that_works_once(string provider)
    {
        const string Base = "https://performance.borsetshire.example.gov.uk";
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider, demo: true);
        using var factory = new OutturnFactory(database)
        {
            Settings = new Dictionary<string, string>
            {
                ["Outturn:Email:Host"] = "127.0.0.1",
                ["Outturn:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Outturn:Email:Security"] = "none",
                ["Outturn:Email:From"] = "performance@borsetshire.example.gov.uk",
                ["Outturn:PublicBaseAddress"] = Base,
            },
        };
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        await factory.AddUserAsync("gone", Data.Entities.Roles.MeasureOwner);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutturnDbContext>();
            foreach (var person in db.Users.Where(u => u.UserName == "housing" || u.UserName == "gone"))
            {
                person.Email = $"{person.UserName}@borsetshire.example.gov.uk";
                person.NormalizedEmail = person.Email.ToUpperInvariant();
                person.LockoutEnd = person.UserName == "gone" ? DateTimeOffset.MaxValue : null;
            }

            await db.SaveChangesAsync();
        }

        var earlier = await factory.SignedInAsync("housing");
        var visitor = factory.Browser();
        Assert.Contains(
            "href=\"/account/forgot-password\"",
            await visitor.GetStringAsync("/account/sign-in"),
            StringComparison.Ordinal
        );

        var blank = await PostFormAsync(visitor, "/account/forgot-password", new() { ["name"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains(
            "Enter your user name or email address",
            await blank.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        // The same answer for an account by its email address (any case), for nobody, and for removed access.
        foreach (var name in new[] { "nobody", "gone", "HOUSING@Borsetshire.example.gov.uk" })
        {
            var asked = await PostFormAsync(visitor, "/account/forgot-password", new() { ["name"] = name });
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            Assert.Equal("/account/forgot-password?sent=true", asked.Headers.Location!.ToString());
        }

        Assert.Contains(
            "If an account has that user name or email address",
            await visitor.GetStringAsync("/account/forgot-password?sent=true"),
            StringComparison.Ordinal
        );

        MimeKit.MimeMessage? message = null;
        for (var i = 0; i < 100 && message is null; i++)
        {
            // The owner may also be sent a reminder of figures due (the app's scheduler runs with email configured):
            // the message looked for is the reset.
            message = smtp.Messages()
                .FirstOrDefault(m =>
                    m.To.Mailboxes.Any(a => a.Address.StartsWith("housing@"))
                    && (m.Subject ?? "").Contains("password", StringComparison.OrdinalIgnoreCase)
                );
            await Task.Delay(100);
        }

        Assert.NotNull(message);
        Assert.Equal("Outturn: reset your password", message.Subject);
        Assert.Contains("Hello Housing lead officer,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("within 2 hours", message.TextBody, StringComparison.Ordinal);
        var link = Regex.Match(message.TextBody ?? "", Regex.Escape(Base) + @"(/account/reset-password\?\S+)").Groups[
            1
        ];
        Assert.True(link.Success, message.TextBody);

        var form = await visitor.GetStringAsync(link.Value);
        Assert.Contains("Set the password", form, StringComparison.Ordinal);
        Assert.Contains(
            "This link does not work",
            await visitor.GetStringAsync(link.Value.Replace("token=", "token=x", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
        var fields = Regex
            .Matches(form, "<input type=\"hidden\" name=\"(user|token)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        var tooShort = await PostFormAsync(
            visitor,
            link.Value,
            new(fields) { ["password"] = "too short", ["confirm"] = "too short" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains(
            "Enter a new password of at least 12 characters",
            await tooShort.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var set = await PostFormAsync(
            visitor,
            link.Value,
            new(fields) { ["password"] = NewPassword, ["confirm"] = NewPassword }
        );
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/sign-in?reset=true", set.Headers.Location!.ToString());
        Assert.Contains(
            "Your new password is set",
            await visitor.GetStringAsync("/account/sign-in?reset=true"),
            StringComparison.Ordinal
        );

        // Only the new password signs in; the session from before has ended; the link does not work again.
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await OutturnFactory.SignInAsync(factory.Browser(), "housing", OutturnFactory.Password)).StatusCode
        );
        await factory.SignedInAsync("housing", NewPassword);
        var before = await earlier.GetAsync("/entry");
        Assert.Contains("/account/sign-in", before.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("This link does not work", await visitor.GetStringAsync(link.Value), StringComparison.Ordinal);
        // Posted again with a form token from elsewhere, the used link is still refused.
        var again = await visitor.PostAsync(
            link.Value,
            new FormUrlEncodedContent(
                new Dictionary<string, string>(fields)
                {
                    ["password"] = NewPassword + "2",
                    ["confirm"] = NewPassword + "2",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(
                        await visitor.GetStringAsync("/account/forgot-password")
                    ),
                }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link does not work", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = await database.OpenAsync())
        {
            var events = await db
                .AuditEvents.Where(e => e.Kind.StartsWith("password-reset"))
                .OrderBy(e => e.Id)
                .Select(e => e.Kind + " " + e.Subject)
                .ToListAsync();
            Assert.Equal(["password-reset-asked housing", "password-reset housing"], events);
        }

        Assert.DoesNotContain(smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address.StartsWith("gone@")));
    }

    [Fact]
    public async Task Without_email_the_page_says_to_ask_an_administrator()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var page = await factory.Browser().GetStringAsync("/account/forgot-password");
        Assert.Contains("Passwords cannot be reset by email here", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the link", page, StringComparison.Ordinal);
    }
}
