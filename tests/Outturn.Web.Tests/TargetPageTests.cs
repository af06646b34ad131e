using System.Net;
using System.Text.RegularExpressions;

namespace Outturn.Web.Tests;

/// <summary>The targets grid: a performance officer sets a committee's year of targets in one form, starting from
/// last year's; a bad target saves nothing and is named at its box; owners cannot open it.</summary>
public sealed partial class TargetPageTests
{
    [GeneratedRegex("name=\"(Cells\\[\\d+\\]\\.(?:Ref|Period|Target))\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex Input();

    /// <summary>The grid's inputs as a browser would post them.</summary>
    private static Dictionary<string, string> Form(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in Input().Matches(html))
        {
            fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        }

        fields["__RequestVerificationToken"] = OutturnFactory.Token(html);
        return fields;
    }

    /// <summary>The name of the target box for a measure's period.</summary>
    private static string BoxOf(Dictionary<string, string> form, string reference, string period) =>
        form
            .Keys.Single(k =>
                k.EndsWith(".Period", StringComparison.Ordinal)
                && form[k] == period
                && form[k.Replace(".Period", ".Ref", StringComparison.Ordinal)] == reference
            )
            .Replace(".Period", ".Target", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_officer_sets_a_years_targets_in_one_grid(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        await factory.AddUserAsync("housing", Data.Entities.Roles.MeasureOwner, displayName: "Housing lead officer");
        var officer = await factory.SignedInAsync("officer");
        var owner = await factory.SignedInAsync("housing");

        // The owner sees only their own measures, and proposes.
        var theirs = await owner.GetStringAsync("/targets?committee=Cabinet");
        Assert.Contains("(HO01)", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("(CS01)", theirs, StringComparison.Ordinal);
        Assert.Contains("Propose the targets", theirs, StringComparison.Ordinal);
        var proposal = Form(theirs);
        var mayBox = BoxOf(proposal, "HO01", "2018-05");
        proposal[mayBox] = "190";
        var proposed = await owner.PostAsync(
            "/targets?committee=Cabinet&year=2018",
            new FormUrlEncodedContent(proposal)
        );
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Contains(
            "1 proposed for a performance officer to approve",
            await owner.GetStringAsync(proposed.Headers.Location!.ToString()),
            StringComparison.Ordinal
        );

        // The demo's figures end in March 2018, so the grid opens on 2018/19, every target carried forward.
        var page = await officer.GetStringAsync("/targets?committee=Cabinet");
        Assert.Contains("Targets for 2018/19", page, StringComparison.Ordinal);
        Assert.Contains(">from last year<", page, StringComparison.Ordinal);
        Assert.Contains(">proposed by housing<", page, StringComparison.Ordinal);
        var form = Form(page);
        var officersMay = BoxOf(form, "HO01", "2018-05");
        Assert.Equal("190", form[officersMay]);
        var box = BoxOf(form, "HO01", "2018-04");
        Assert.NotEmpty(form[box]);

        // A bad target saves nothing, and its box is named.
        form[box] = "lots";
        var refused = await officer.PostAsync("/targets?committee=Cabinet&year=2018", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The targets were not saved: nothing has changed", html, StringComparison.Ordinal);
        var cell = box.Replace("Cells[", "cell-", StringComparison.Ordinal)
            .Replace("].Target", "", StringComparison.Ordinal);
        Assert.Contains($"href=\"#{cell}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"lots\"", html, StringComparison.Ordinal);

        form[box] = "205";
        var saved = await officer.PostAsync("/targets?committee=Cabinet&year=2018", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await officer.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Targets saved: ", after, StringComparison.Ordinal);
        Assert.Equal("205", Form(after)[box]);
        Assert.DoesNotContain(">from last year<", after, StringComparison.Ordinal);
        Assert.Contains("205", await officer.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);
        // Saving accepted the owner's proposal: it is now the target, no longer pending.
        Assert.Equal("190", Form(after)[officersMay]);
        Assert.DoesNotContain(">proposed by housing<", after, StringComparison.Ordinal);
    }
}
