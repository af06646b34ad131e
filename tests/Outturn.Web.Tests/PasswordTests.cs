using System.Net;

namespace Outturn.Web.Tests;

/// <summary>A person changes their own password: the current one is checked, the new one must be long enough and
/// typed twice; afterwards only the new one signs in, and their other sessions end.</summary>
public class PasswordTests
{
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
        const string NewPassword = "a different long passphrase";

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
}
