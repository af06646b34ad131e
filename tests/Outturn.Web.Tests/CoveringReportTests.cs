using System.Net;
using DocumentFormat.OpenXml.Packaging;

namespace Outturn.Web.Tests;

public class CoveringReportTests
{
    [Fact]
    public async Task An_officer_writes_the_sections_and_downloads_the_paper()
    {
        var (factory, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        using var _ = factory;
        var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
        var form = await admin.GetStringAsync("/reports/covering");

        var missing = await admin.PostAsync(
            "/reports/covering",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Layout"] = "quarterly",
                    ["Period"] = "2017/18 Q9",
                    ["Format"] = "docx",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = await missing.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#section-purpose\"", errors, StringComparison.Ordinal);
        Assert.Contains("href=\"#period\"", errors, StringComparison.Ordinal);

        var response = await admin.PostAsync(
            "/reports/covering",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Layout"] = "quarterly",
                    ["Committee"] = "Cabinet",
                    ["Period"] = "2017/18 Q4",
                    ["Format"] = "docx",
                    ["Title"] = "Quarter 4 performance",
                    ["Sections[Purpose]"] = "To report performance for the fourth quarter.",
                    ["Sections[Recommendations]"] =
                        "1. That Cabinet notes the report.\n2. That Cabinet agrees the actions.",
                    ["__RequestVerificationToken"] = OutturnFactory.Token(form),
                }
            )
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var word = WordprocessingDocument.Open(
            new MemoryStream(await response.Content.ReadAsByteArrayAsync()),
            false
        );
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Quarter 4 performance", text, StringComparison.Ordinal);
        Assert.Contains("To report performance for the fourth quarter.", text, StringComparison.Ordinal);
        Assert.Contains("2. That Cabinet agrees the actions.", text, StringComparison.Ordinal);
        Assert.Contains("Appendix A:", text, StringComparison.Ordinal);
        Assert.True(
            text.IndexOf("Purpose", StringComparison.Ordinal) < text.IndexOf("Appendix A:", StringComparison.Ordinal)
        );
    }
}
