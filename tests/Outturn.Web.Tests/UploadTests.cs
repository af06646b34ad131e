using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Outturn.Domain.Rating;
using static System.Text.RegularExpressions.RegexOptions;

namespace Outturn.Web.Tests;

/// <summary>Upload in the browser: preview what would change or every error; nothing applied until confirmed.</summary>
public class UploadTests
{
    private static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client,
        params (string Name, string Content)[] files
    )
    {
        var token = OutturnFactory.Token(await client.GetStringAsync("/upload"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            var file = new StringContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "files", name);
        }

        return await client.PostAsync("/upload?handler=Preview", form);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_good_file_is_previewed_then_applied_on_confirming(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var preview = await UploadAsync(
            admin,
            ("values.csv", "ref,period,value\nHO01,2018-03,111\nHO01,2018-04,112\n")
        );
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Check the import", html, StringComparison.Ordinal);
        Assert.Contains("1 added, 1 changed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">111<", await admin.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        var batch = System
            .Text.RegularExpressions.Regex.Match(html, "name=\"batch\" value=\"([0-9a-f]{32})\"")
            .Groups[1]
            .Value;
        var confirm = await admin.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = batch,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(html),
                }
            )
        );
        Assert.Contains("Figures imported", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var measure = await admin.GetStringAsync("/measures/HO01");
        Assert.Contains(">111<", measure, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">admin</td>", measure, StringComparison.Ordinal);

        // The batch is used up.
        var again = await admin.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = batch,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(html),
                }
            )
        );
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_preview_lists_each_figure_from_and_to_with_its_rating_then()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        string? stored;
        await using (var context = await db.OpenAsync())
        {
            stored = Outturn.Data.Interchange.EntryFields.DescribeValue(
                await context.Entries.SingleAsync(e =>
                    e.Period == "2018-03" && context.Items.Any(i => i.Id == e.ItemId && i.Ref == "HO01")
                )
            );
        }

        var html = await (
            await UploadAsync(admin, ("values.csv", "ref,period,value\nHO01,2018-03,111\nHO01,2018-04,112\n"))
        ).Content.ReadAsStringAsync();

        var rows = System
            .Text.RegularExpressions.Regex.Matches(html, "<tr class=\"govuk-table__row\">(.*?)</tr>", Singleline)
            .Select(m =>
                System
                    .Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>", Singleline)
                    .Select(c => System.Net.WebUtility.HtmlDecode(c.Groups[1].Value.Trim()))
                    .ToList()
            )
            .Where(cells => cells.Count > 0)
            .ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["values.csv row 2", "HO01", "March 2018", "Changed", $"{stored} → 111"], rows[0][..5]);
        Assert.Equal(["values.csv row 3", "HO01", "April 2018", "Added", "112"], rows[1][..5]);
        Assert.All(rows, r => Assert.Contains(r[7], Enum.GetValues<Rag>().Select(g => g.Word())));
        Assert.Contains("data-prevent-double-click=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusual_figure_is_marked_and_the_import_button_says_so()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        // CS05 is a monthly percentage: 140 is over 100.
        var html = await (
            await UploadAsync(admin, ("values.csv", "ref,period,value\nCS05,2018-03,140\n"))
        ).Content.ReadAsStringAsync();

        Assert.Contains("1 figure looks", html, StringComparison.Ordinal);
        Assert.Contains("is a percentage over 100.", html, StringComparison.Ordinal);
        Assert.Contains("Import, including 1 unusual figure</button>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_figures_due_download_uploads_back_unchanged(string provider)
    {
        var (factory, database) = await OutturnFactory.CreateAsync(provider);
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        // A month picker (a GET form to the download): the reporting month chosen, two years before it offered.
        var form = await admin.GetStringAsync("/upload");
        Assert.Contains("name=\"handler\" value=\"Figures\"", form, StringComparison.Ordinal);
        Assert.Contains(
            "<option value=\"2018-03\" selected=\"selected\">March 2018</option>",
            form,
            StringComparison.Ordinal
        );
        Assert.Contains("<option value=\"2016-04\">April 2016</option>", form, StringComparison.Ordinal);
        var refused = await UploadAsync(admin, ("values.csv", "ref,period,value\nHO01,2018-03\n"));
        Assert.Contains(
            "<option value=\"2018-03\" selected=\"selected\">March 2018</option>",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        var earlier = await admin.GetAsync("/upload?handler=Figures&period=2017-06");
        Assert.Equal(
            "borsetshire-county-council-figures-due-2017-06.csv",
            earlier.Content.Headers.ContentDisposition?.FileNameStar
        );

        var download = await admin.GetAsync("/upload?handler=Figures&period=2018-03");
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "borsetshire-county-council-figures-due-2018-03.csv",
            download.Content.Headers.ContentDisposition?.FileNameStar
        );
        var csv = await download.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ref,period,value,", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("HO01,2018-03,", StringComparison.Ordinal));
        Assert.True(lines.Length > 10);

        var html = await (await UploadAsync(admin, ("figures.csv", csv))).Content.ReadAsStringAsync();

        Assert.Contains("Check the import", html, StringComparison.Ordinal);
        // Commentary may run over lines within its quotes: rows are counted by a CSV reader.
        var rows = 0;
        using (var reader = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(csv)))
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        Assert.Matches($"0 added, 0 changed,\\s+{rows} unchanged", html);
    }

    [Theory]
    [InlineData("ref,period,value\nCS01,2018-05,\"1300\n", "values.csv", "2")]
    [InlineData("ref,period,value\nHO01,2018-03\n", "values.csv", "2")]
    [InlineData("ref;period;value\nHO01;2018-03;1\n", "values.csv", "")]
    public async Task A_malformed_file_gets_the_error_summary_naming_file_and_row(
        string content,
        string file,
        string row
    )
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var response = await UploadAsync(admin, (file, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Nothing has been changed", html, StringComparison.Ordinal);
        Assert.Matches(
            $"<td class=\"govuk-table__cell\">{file}</td>\\s*"
                + $"<td class=\"govuk-table__cell govuk-table__cell--numeric\">{row}</td>",
            html
        );
    }

    [Fact]
    public async Task A_bad_file_shows_every_error_and_changes_nothing()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);

        var response = await UploadAsync(
            admin,
            ("values.csv", "ref,period,value\nHO01,2018-03,111\nNOPE,2018-03,1\nHO01,2018-13,2\nHO02,2017/18 Q4,abc1\n")
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("3 problems", html, StringComparison.Ordinal);
        Assert.Contains("NOPE", html, StringComparison.Ordinal);
        Assert.Contains("2018-13", html, StringComparison.Ordinal);
        Assert.Contains("abc1", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">111<", await admin.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        var wrongType = await UploadAsync(admin, ("values.txt", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task Councillors_and_visitors_cannot_upload()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("councillor", Data.Entities.Roles.Councillor);
        Assert.Contains(
            "access-denied",
            (await (await factory.SignedInAsync("councillor")).GetAsync("/upload")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "sign-in",
            (await factory.Browser().GetAsync("/upload")).Headers.Location!.ToString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Only_the_person_who_previewed_a_batch_can_confirm_it()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        await factory.AddUserAsync("officer", Data.Entities.Roles.PerformanceOfficer);
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var officer = await factory.SignedInAsync("officer");

        var html = await (
            await UploadAsync(admin, ("values.csv", "ref,period,value\nHO01,2018-03,111\n"))
        ).Content.ReadAsStringAsync();
        var batch = System
            .Text.RegularExpressions.Regex.Match(html, "name=\"batch\" value=\"([0-9a-f]{32})\"")
            .Groups[1]
            .Value;
        Assert.NotEmpty(batch);
        var form = await officer.GetStringAsync("/upload");
        var stolen = await officer.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = batch,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.DoesNotContain(">111<", await admin.GetStringAsync("/measures/HO01"), StringComparison.Ordinal);

        var confirm = await admin.PostAsync(
            "/upload?handler=Confirm",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["batch"] = batch,
                    ["__RequestVerificationToken"] = OutturnFactory.Token(html),
                }
            )
        );
        Assert.Contains("Figures imported", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
