using CsCheck;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

public class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+44 1234", "'+44 1234")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-5", "-5")]
    [InlineData("-1,050.5", "-1,050.5")]
    [InlineData("- fell by 5", "'- fell by 5")]
    [InlineData("'=x", "''=x")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("Rose 5%", "Rose 5%")]
    public void No_cell_can_start_a_formula(string stored, string written) =>
        Assert.Equal(written, SpreadsheetSafe.Protect(stored));

    [Fact]
    public void What_is_protected_is_restored_exactly() =>
        Gen.String[Gen.Char["'=+-@\t\r0123456789.,ab "], 0, 8]
            .Sample(
                text => Assert.Equal(text, SpreadsheetSafe.Restore(SpreadsheetSafe.Protect(text)).ToString()),
                iter: 20_000
            );

    [Fact]
    public async Task An_export_of_hostile_commentary_is_safe_in_a_spreadsheet_and_reimports_exactly()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFolder();
        await using (var db = await test.OpenAsync())
        {
            await new Importer(db, TimeProvider.System).ImportAsync(
                "Havering",
                [
                    files.Write("measures.csv", "ref,title\nHO01,Households\n"),
                    files.Write(
                        "values.csv",
                        "ref,period,value,commentary,corrective_action\n"
                            + "HO01,2018-03,-5,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",''@x\n"
                    ),
                ],
                "officer"
            );
            await new Exporter(db).ExportAsync(await db.Organisations.SingleAsync(), files.PathOf("out"));
        }

        var exported = await File.ReadAllTextAsync(Path.Combine(files.PathOf("out"), "values.csv"));
        Assert.Contains("\"'=HYPERLINK(", exported, StringComparison.Ordinal);
        Assert.Contains(",-5,", exported, StringComparison.Ordinal);

        await using var again = await TestDatabase.CreateAsync("sqlite");
        await using var db2 = await again.OpenAsync();
        await new Importer(db2, TimeProvider.System).ImportAsync(
            "Havering",
            [Path.Combine(files.PathOf("out"), "measures.csv"), Path.Combine(files.PathOf("out"), "values.csv")],
            "officer"
        );
        var entry = await db2.Entries.SingleAsync();
        Assert.Equal(
            (-5m, "=HYPERLINK(\"http://x\",\"y\")", "'@x"),
            (entry.ValueNumber, entry.Commentary, entry.CorrectiveAction)
        );
    }
}
