using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Web.Tests;

/// <summary>
/// The hostile-input corpus (<see cref="HostileStrings"/>) put into every text field an import and the API take —
/// measure titles, descriptions, footnotes, theme, priority and committee names, commentary, corrective action —
/// and into the entry form's words, the committee form's name and every other form that takes words (a returned
/// figure's reason among them) —
/// then every page and report shown: each string is refused by name (row, column, what was expected) or kept and
/// shown as text. No page fails, no string's markup reaches a page unescaped, no script runs in Chromium, and no
/// spreadsheet cell becomes a formula.
/// </summary>
public class HostileCorpusTests
{
    private const string Committee = "Hostile strings";
    private const string Paper = "/reports/covering?committee=Cabinet&meeting=2018-04-24";

    [Fact]
    public async Task Hostile_strings_are_refused_by_name_or_kept_and_shown_as_text_everywhere()
    {
        await using var session = await BrowserSession.StartAsync();
        var factory = session.Factory;
        var corpus = HostileStrings.Load();
        Assert.True(corpus.Count >= 200, $"{corpus.Count} strings");
        using var files = new TempFolder();

        // One measure a string, the string in every text field of its row and in its figure's words.
        static string Cell(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string[] Write(IEnumerable<int> which, string name)
        {
            var measures = new StringBuilder("ref,title,priority,theme,committees,description,footnote\n");
            var values = new StringBuilder("ref,period,value,target,commentary,corrective_action\n");
            foreach (var i in which)
            {
                var s = corpus[i];
                measures.Append(
                    $"H{i:D3},{Cell(s)},{Cell("P " + s)},{Cell("T " + s)},{Committee},{Cell(s)},{Cell(s)}\n"
                );
                values.Append($"H{i:D3},2018-03,{i},100,{Cell(s)},{Cell(s)}\n");
            }

            // A lone surrogate cannot be written as UTF-8: the file holds U+FFFD in its place (the API gets it as is).
            string Save(string file, StringBuilder text)
            {
                var path = files.PathOf(file);
                File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
                return path;
            }

            return [Save(name + "-measures.csv", measures), Save(name + "-values.csv", values)];
        }

        // A NUL byte makes the whole file refused (it is not a text file), naming the line: tried alone.
        var withNul = Enumerable.Range(0, corpus.Count).Where(i => corpus[i].Contains('\0')).ToList();
        Assert.NotEmpty(withNul);
        foreach (var i in withNul)
        {
            await using var db = await factory.Services.GetRequiredService<DatabaseTarget>().OpenAsync();
            var refused = await Assert.ThrowsAsync<ImportRejectedException>(() =>
                new Importer(db, TimeProvider.System).ImportAsync(
                    "Borsetshire County Council",
                    Write([i], $"nul-{i}"),
                    "officer"
                )
            );
            Assert.Contains(refused.Errors, e => e.Expected.Contains("NUL byte", StringComparison.Ordinal));
        }

        var all = Enumerable.Range(0, corpus.Count).Except(withNul).ToList();
        IReadOnlyList<Domain.ImportError> errors = [];
        await using (var db = await factory.Services.GetRequiredService<DatabaseTarget>().OpenAsync())
        {
            try
            {
                await new Importer(db, TimeProvider.System).ImportAsync(
                    "Borsetshire County Council",
                    Write(all, "all"),
                    "officer"
                );
            }
            catch (ImportRejectedException rejected)
            {
                errors = rejected.Errors;
            }
        }

        // Every refusal names its file, row and column and says what was expected; the rows with none are kept.
        Assert.All(
            errors,
            e =>
                Assert.True(
                    e.File.Length > 0 && e.Row > 1 && e.Column is not null && e.Expected.Length > 0,
                    e.ToString()
                )
        );
        var refusedRows = errors.Select(e => e.Row).ToHashSet();
        var kept = all.Where((i, row) => !refusedRows.Contains(row + 2)).ToList();
        Assert.True(kept.Count > corpus.Count / 2, $"only {kept.Count} of {corpus.Count} kept");
        await using (var db = await factory.Services.GetRequiredService<DatabaseTarget>().OpenAsync())
        {
            var result = await new Importer(db, TimeProvider.System).ImportAsync(
                "Borsetshire County Council",
                Write(kept, "kept"),
                "officer"
            );
            Assert.True(result.Applied);
        }

        // The API takes the same words as commentary, or refuses them as a problem: never a failure.
        // Clients of the session's own server (it listens on a port of its own).
        HttpClient Client() =>
            factory.CreateClient(
                new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                {
                    AllowAutoRedirect = false,
                    BaseAddress = new Uri(session.Root + "/"),
                }
            );
        var writer = Client();
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            await ApiTests.IssueAsync(factory, Data.Entities.ApiScope.Write)
        );
        foreach (var (s, i) in corpus.Select((s, i) => (s, i)).Where(x => x.i % 5 == 0))
        {
            using var response = await writer.PostAsJsonAsync(
                $"{ApiTests.Org}/values",
                new
                {
                    values = new[]
                    {
                        new
                        {
                            @ref = "HO01",
                            period = Domain.Periods.Period.Month(1990, 1).Shift(i).ToString(),
                            value = "1",
                            commentary = s,
                        },
                    },
                }
            );
            Assert.True(
                response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"{response.StatusCode} for string {i}"
            );
        }

        // Every page shows the kept strings as text: a string with markup never appears as it was written.
        var officer = Client();
        using (var signIn = await OutturnFactory.SignInAsync(officer, "admin", OutturnFactory.AdminPassword))
        {
            // Against a listening server the client follows the redirect to the home page.
            Assert.Contains("Signed in as admin", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The web forms take them too: a figure's words on the entry page, and a committee's name. Each post is
        // saved, or answered with the form and what is wrong; never a failure.
        var forms = corpus.Select((s, i) => (s, i)).Where(x => x.i % 5 == 2).ToList();
        foreach (var (s, i) in forms.Where(x => kept.Contains(x.i)))
        {
            using var entered = await OutturnFactory.PostFormAsync(
                officer,
                $"/measures/H{i:D3}/enter?period=2018-02",
                new()
                {
                    ["Value"] = "5",
                    ["Commentary"] = s,
                    ["CorrectiveAction"] = s,
                    ["ValueNote"] = s,
                    ["MissingReason"] = "",
                    ["Confirmed"] = "true",
                }
            );
            Assert.True((int)entered.StatusCode < 500, $"entry form: {entered.StatusCode} for string {i}");
        }

        foreach (var (s, i) in forms)
        {
            using var named = await OutturnFactory.PostFormAsync(officer, "/admin/committees", new() { ["Name"] = s });
            Assert.True((int)named.StatusCode < 500, $"committee form: {named.StatusCode} for string {i}");
        }

        // And the administration forms: a person's name, an API token's name, the reason for a measure's new SPC
        // limits, and a covering report's title, agenda item, section heading and words.
        foreach (var (s, i) in forms)
        {
            using var person = await OutturnFactory.PostFormAsync(
                officer,
                "/admin/users",
                new()
                {
                    ["UserName"] = $"hostile{i}",
                    ["DisplayName"] = s,
                    ["Role"] = Data.Entities.Roles.Councillor,
                    ["Email"] = "",
                    ["Password"] = OutturnFactory.Password,
                }
            );
            Assert.True((int)person.StatusCode < 500, $"people form: {person.StatusCode} for string {i}");
            using var token = await OutturnFactory.PostFormAsync(
                officer,
                "/admin/tokens",
                new()
                {
                    ["Name"] = s,
                    ["Scope"] = "read",
                    ["Days"] = "30",
                }
            );
            Assert.True((int)token.StatusCode < 500, $"token form: {token.StatusCode} for string {i}");
            if (kept.Contains(i))
            {
                var edit = $"/admin/measures/edit/H{i:D3}";
                using var rebase = await OutturnFactory.PostFormAsync(
                    officer,
                    edit,
                    edit + "?handler=Rebase",
                    new() { ["RebaseFrom"] = "2018-03", ["RebaseReason"] = s }
                );
                Assert.True((int)rebase.StatusCode < 500, $"SPC limits form: {rebase.StatusCode} for string {i}");
            }

            using var paper = await OutturnFactory.PostFormAsync(
                officer,
                Paper,
                Paper,
                new()
                {
                    ["step"] = "save",
                    ["Title"] = "Paper " + s,
                    ["Layout"] = "none",
                    ["AgendaItem"] = s,
                    ["Author"] = s,
                    ["Sections[0].Heading"] = s,
                    ["Sections[0].Text"] = s,
                }
            );
            Assert.True((int)paper.StatusCode < 500, $"covering report form: {paper.StatusCode} for string {i}");
        }

        // The rest of the forms that take words or codes: a holiday's name, the scheme's settings, the council's area
        // and comparator group, a locked month's reason for unlocking, and a target typed into the grid (with the
        // reason for changing a locked month's). Each saved, or answered with what is wrong.
        foreach (var (s, i) in corpus.Select((s, i) => (s, i)).Where(x => x.i % 15 == 4))
        {
            var posts = new (string Page, string Action, Dictionary<string, string> Fields)[]
            {
                (
                    "/admin/deadlines",
                    "/admin/deadlines?handler=Holiday",
                    new() { ["date"] = new DateOnly(2019, 1, 1).AddDays(i).ToString("yyyy-MM-dd"), ["name"] = s }
                ),
                (
                    "/admin/scheme",
                    "/admin/scheme",
                    new()
                    {
                        ["AmberTolerance"] = s,
                        ["BlueMargin"] = s,
                        ["MissingRating"] = s,
                        ["DirectionTolerance"] = s,
                        ["DirectionStyle"] = s,
                        ["DirectionMethod"] = s,
                    }
                ),
                (
                    "/admin/comparisons",
                    "/admin/comparisons",
                    new()
                    {
                        ["AreaCode"] = s,
                        ["Group"] = s,
                        ["SmallNumbers"] = s,
                    }
                ),
                ("/collection?period=2018-01", "/collection?handler=Lock", new() { ["month"] = "2018-01" }),
                (
                    "/collection?period=2018-01",
                    "/collection?handler=Unlock",
                    new() { ["month"] = "2018-01", ["reason"] = s }
                ),
                (
                    "/targets?committee=Cabinet",
                    "/targets?committee=Cabinet",
                    new()
                    {
                        ["Cells[0].Ref"] = "HO01",
                        ["Cells[0].Period"] = "2018-03",
                        ["Cells[0].Target"] = s,
                        ["Reason"] = s,
                    }
                ),
            };
            foreach (var (form, action, fields) in posts)
            {
                using var posted = await OutturnFactory.PostFormAsync(officer, form, action, fields);
                Assert.True((int)posted.StatusCode < 500, $"{action}: {posted.StatusCode} for string {i}");
            }
        }

        // A figure returned to its owner, the string as the reason they are told: each owner's submission is returned
        // through the form, which saves it or says what is wrong.
        var returned = kept.Where(i => i % 15 == 7).ToList();
        await using (var db = await factory.Services.GetRequiredService<DatabaseTarget>().OpenAsync())
        {
            var org = db.Organisations.Single(o => o.Name == "Borsetshire County Council");
            var collection = new Data.Cycle.CollectionService(db, TimeProvider.System);
            foreach (var i in returned)
            {
                await collection.StepAsync(
                    org,
                    $"H{i:D3}",
                    Domain.Periods.Period.Month(2018, 3),
                    Domain.Cycle.CollectionStep.Submitted,
                    "owner",
                    null
                );
            }
        }

        foreach (var i in returned)
        {
            var form = $"/collection/return?reference=H{i:D3}&period=2018-03";
            using var posted = await OutturnFactory.PostFormAsync(
                officer,
                form,
                form,
                new() { ["Reason"] = corpus[i] }
            );
            Assert.True((int)posted.StatusCode < 500, $"return form: {posted.StatusCode} for string {i}");
        }

        var markup = kept.Select(i => corpus[i]).Where(s => s.IndexOfAny(['<', '>', '"']) >= 0).ToList();
        async Task<string> PageAsync(string url)
        {
            using var response = await officer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            foreach (var s in markup)
            {
                Assert.False(html.Contains(s, StringComparison.Ordinal), $"{url} shows unescaped: {s}");
            }

            return html;
        }

        var dashboard = $"/committees/{Uri.EscapeDataString(Committee)}?period=2018-03";
        await PageAsync(dashboard);
        await PageAsync("/");
        await PageAsync("/admin/measures");
        await PageAsync("/admin/audit");
        await PageAsync("/admin/committees");
        await PageAsync("/admin/users");
        await PageAsync("/admin/tokens");
        await PageAsync(Paper);
        await PageAsync("/admin/deadlines");
        await PageAsync("/admin/scheme");
        await PageAsync("/admin/comparisons");
        await PageAsync("/collection?period=2018-01");
        Assert.Contains("Returned: ", await PageAsync("/collection?period=2018-03"), StringComparison.Ordinal);
        await PageAsync("/entry");
        await PageAsync("/targets?committee=Cabinet");
        foreach (var (_, i) in forms.Where(x => kept.Contains(x.i)))
        {
            await PageAsync($"/admin/measures/edit/H{i:D3}");
        }
        foreach (var i in kept)
        {
            await PageAsync($"/measures/H{i:D3}");
        }

        // Reports: every format is produced; the spreadsheet formats hold no formula.
        var query = $"committee={Uri.EscapeDataString(Committee)}&period=2018-03";
        foreach (var format in new[] { "html", "docx", "csv", "xlsx", "pdf" })
        {
            using var download = await officer.GetAsync($"/reports/dashboard?{query}&format={format}");
            Assert.True(download.StatusCode == HttpStatusCode.OK, $"{format}: {download.StatusCode}");
            var bytes = await download.Content.ReadAsByteArrayAsync();
            if (format == "csv")
            {
                foreach (var cell in CsvRows.Parse(Encoding.UTF8.GetString(bytes)).SelectMany(r => r.Values))
                {
                    Assert.False(
                        cell.Length > 1 && cell[0] is '=' or '+' or '@' && !decimal.TryParse(cell, out _),
                        $"a CSV cell that a spreadsheet would run: {cell}"
                    );
                }
            }
            else if (format == "pdf")
            {
                // Printed by Chromium from the same HTML: the strings are in it as text.
                Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
                var pdf = Path.Combine(files.Path, "dashboard.pdf");
                await File.WriteAllBytesAsync(pdf, bytes);
                var text = await ExternalTools.RunAsync("pdftotext", pdf, "-");
                Assert.Contains("Hostile strings", text, StringComparison.Ordinal);
                // A script element is printed as its words, tag and all.
                Assert.Contains("<script>", text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains($"window.{HostileStrings.Marker}", text, StringComparison.Ordinal);
            }
            else if (format == "xlsx")
            {
                using var stream = new MemoryStream(bytes);
                using var workbook = SpreadsheetDocument.Open(stream, false);
                Assert.All(
                    workbook.WorkbookPart!.WorksheetParts,
                    sheet => Assert.Empty(sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>())
                );
            }
        }

        // In Chromium nothing runs: the dashboard, and the pages of the strings that would run script.
        var page = session.Page;
        var scripted = kept.Where(i => corpus[i].Contains(HostileStrings.Marker, StringComparison.Ordinal)).Take(12);
        foreach (var url in new[] { dashboard }.Concat(scripted.Select(i => $"/measures/H{i:D3}")))
        {
            await page.GotoAsync(session.Root + url);
            Assert.True(
                await page.EvaluateAsync<bool>($"() => window.{HostileStrings.Marker} === undefined"),
                $"{url} ran a hostile string"
            );
        }
    }
}
