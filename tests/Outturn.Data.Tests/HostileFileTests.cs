using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>Files that are malformed, mis-encoded, oversized or hostile: each is refused with an error naming the file
/// (and row and column where there is one), nothing is changed, and nothing stored is lost.</summary>
public class HostileFileTests
{
    private const string Measures = "ref,title\nHO01,Households in temporary accommodation\n";
    private const string Stored = "ref,period,value,commentary\nHO01,2018-03,231,Up after the winter\n";

    private static async Task<(TestDatabase Test, TempFolder Files)> SeededAsync(string provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var files = new TempFolder();
        await using var db = await test.OpenAsync();
        await new Importer(db, TimeProvider.System).ImportAsync(
            "Havering",
            [files.Write("measures.csv", Measures), files.Write("values.csv", Stored)],
            "officer"
        );
        return (test, files);
    }

    private static async Task<IReadOnlyList<ImportError>> RefusedAsync(TestDatabase test, string path)
    {
        await using var db = await test.OpenAsync();
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            new Importer(db, TimeProvider.System).ImportAsync("Havering", [path], "officer")
        );
        var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.Period == "2018-03");
        Assert.Equal((231m, "Up after the winter"), (entry.ValueNumber, entry.Commentary));
        return ex.Errors;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_short_row_is_an_error_and_clears_nothing(string provider)
    {
        var (test, files) = await SeededAsync(provider);
        await using var _ = test;
        using var __ = files;

        var error = Assert.Single(
            await RefusedAsync(test, files.Write("values.csv", "ref,period,value,commentary\nHO01,2018-03\n"))
        );

        Assert.Equal(("values.csv", 2), (error.File, error.Row));
        Assert.Contains("4 cells, as the header has; this row has 2", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_with_cells_beyond_the_header_is_an_error_but_a_trailing_comma_is_not()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;

        var error = Assert.Single(
            await RefusedAsync(test, files.Write("values.csv", "ref,period,value\nHO01,2018-04,240,oops\n"))
        );
        Assert.Equal((2, "cell 4", "oops"), (error.Row, error.Column, error.Value));

        await using var db = await test.OpenAsync();
        var result = await new Importer(db, TimeProvider.System).ImportAsync(
            "Havering",
            [files.Write("values.csv", "ref,period,value\nHO01,2018-04,240,\n")],
            "officer"
        );
        Assert.Equal(1, result.EntriesAdded);
    }

    [Fact]
    public async Task A_row_starting_with_a_hash_is_data_not_a_comment()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;
        await using var db = await test.OpenAsync();

        await new Importer(db, TimeProvider.System).ImportAsync(
            "Havering",
            [
                files.Write(
                    "measures.csv",
                    "ref,title\n#1,Rank in the region\nHO01,Households in temporary accommodation\n"
                ),
                files.Write("values.csv", "ref,period,value,commentary\n#1,2018-03,2,#1 in the region last year\n"),
            ],
            "officer"
        );

        var item = await db.Items.SingleAsync(i => i.Ref == "#1");
        var entry = await db.Entries.SingleAsync(e => e.ItemId == item.Id);
        Assert.Equal((2m, "#1 in the region last year"), (entry.ValueNumber, entry.Commentary));
    }

    [Theory]
    [InlineData("ref,period,value\nHO01,2018-05,\"1300\n", 2, "well-formed CSV")]
    [InlineData("", 0, "the file is empty")]
    [InlineData("\uFEFF\n\n", 0, "the file is empty")]
    [InlineData("ref;period;value\nHO01;2018-05;1300\n", 0, "separated by semicolons")]
    [InlineData("ref\tperiod\tvalue\nHO01\t2018-05\t1300\n", 0, "separated by tabs")]
    [InlineData("ref,period,commentary\nHO01,2018-05,bell\a here\n", 2, "control characters (found U+0007")]
    public async Task Malformed_csv_is_an_error_naming_the_row(string content, int row, string expected)
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;

        var errors = await RefusedAsync(test, files.Write("values.csv", content));

        var error = Assert.Single(errors);
        Assert.Equal(("values.csv", row), (error.File, error.Row));
        Assert.Contains(expected, error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_too_wide_or_too_long_are_refused_by_their_limits()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;

        var header = "ref,period," + string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => "c" + i));
        Assert.Contains(
            "at most 200 columns (the header has 1,000,002)",
            Assert.Single(await RefusedAsync(test, files.Write("values.csv", header + "\n"))).Expected,
            StringComparison.Ordinal
        );

        var wideRow = "ref,period,value\nHO01,2018-05," + new string(',', 1_000_000) + "x\n";
        Assert.Equal(2, Assert.Single(await RefusedAsync(test, files.Write("values.csv", wideRow))).Row);

        var bigCell = "ref,period,commentary\nHO01,2018-05," + new string('a', 10 << 20) + "\n";
        Assert.Contains(
            "a row of at most",
            Assert.Single(await RefusedAsync(test, files.Write("values.csv", bigCell))).Expected,
            StringComparison.Ordinal
        );

        var longCell =
            "ref,period,commentary\nHO01,2018-05," + new string('a', TableLimits.MaxCellCharacters + 1) + "\n";
        var tooLong = Assert.Single(await RefusedAsync(test, files.Write("values.csv", longCell)));
        Assert.Equal(("commentary", 2), (tooLong.Column, tooLong.Row));
    }

    [Fact]
    public async Task Long_commentary_up_to_the_documented_limit_is_kept_whole()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;
        var analysis = string.Concat(Enumerable.Repeat("Demand rose again. ", 70_000 / 19));
        var two = new string('b', 30_000);
        await using var db = await test.OpenAsync();

        await new Importer(db, TimeProvider.System).ImportAsync(
            "Havering",
            [
                files.Write(
                    "values.csv",
                    $"ref,period,commentary,corrective_action\nHO01,2018-04,\"{analysis}\",{two}\n"
                ),
            ],
            "officer"
        );

        var entry = await db.Entries.SingleAsync(e => e.Period == "2018-04");
        Assert.Equal((analysis.Trim(), two), (entry.Commentary, entry.CorrectiveAction));
    }

    [Fact]
    public async Task Excels_windows_1252_csv_is_read_as_such_and_damaged_utf8_is_refused()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = files.PathOf("values.csv");
        await File.WriteAllBytesAsync(
            path,
            Encoding
                .GetEncoding(1252)
                .GetBytes("ref,period,value,commentary\nHO01,2018-04,240,\"Cost £1,200 – “agreed”\"\n")
        );
        await using (var db = await test.OpenAsync())
        {
            await new Importer(db, TimeProvider.System).ImportAsync("Havering", [path], "officer");
            Assert.Equal(
                "Cost £1,200 – “agreed”",
                (await db.Entries.SingleAsync(e => e.Period == "2018-04")).Commentary
            );
        }

        // Valid UTF-8 (the en dash) beside a lone 0xA3: neither encoding reads it whole.
        var mixed = Encoding
            .UTF8.GetBytes("ref,period,value,commentary\nHO01,2018-05,1,a – b\nHO01,2018-06,2,")
            .Concat(new byte[] { 0xA3, (byte)'\n' })
            .ToArray();
        await File.WriteAllBytesAsync(path, mixed);
        var error = Assert.Single(await RefusedAsync(test, path));
        Assert.Contains("not valid UTF-8", error.Expected, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Expected, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("ref,period,value\nHO01,2018-05,1\0\n"));
        Assert.Contains("NUL byte", Assert.Single(await RefusedAsync(test, path)).Expected, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(
            path,
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("ref,period,value\n")]
        );
        Assert.Contains("UTF-16", Assert.Single(await RefusedAsync(test, path)).Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_workbooks_are_refused_before_they_are_expanded()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;

        // A 1.5 KB workbook whose one cell claims column ZZZZZZ (321,272,406).
        var far = files.PathOf("far.xlsx");
        TestWorkbook.Write(
            far,
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["HO01", "2018-05", "1"],
                ]
            )
        );
        Rewrite(far, "xl/worksheets/", xml => xml.Replace("C2", "ZZZZZZ2", StringComparison.Ordinal));
        Assert.Contains(
            "found a cell at ZZZZZZ2",
            Assert.Single(await RefusedAsync(test, far)).Expected,
            StringComparison.Ordinal
        );

        var rows = files.PathOf("rows.xlsx");
        TestWorkbook.Write(
            rows,
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["HO01", "2018-05", "1"],
                ]
            )
        );
        Rewrite(rows, "xl/worksheets/", xml => xml.Replace("r=\"2\"", "r=\"4294967295\"", StringComparison.Ordinal));
        Assert.Contains(
            "rows numbered upwards",
            Assert.Single(await RefusedAsync(test, rows)).Expected,
            StringComparison.Ordinal
        );

        var entity = files.PathOf("entity.xlsx");
        TestWorkbook.Write(
            entity,
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["HO01", "2018-05", "1"],
                ]
            )
        );
        Rewrite(
            entity,
            "xl/worksheets/",
            xml =>
                "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..]
                    .Replace("2018-05", "&b;", StringComparison.Ordinal)
        );
        Assert.Contains(
            "without a DOCTYPE",
            Assert.Single(await RefusedAsync(test, entity)).Expected,
            StringComparison.Ordinal
        );

        // A zip bomb: shared strings that expand to 600 MB from a few hundred KB.
        var bomb = files.PathOf("bomb.xlsx");
        TestWorkbook.Write(
            bomb,
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["HO01", "2018-05", "1"],
                ]
            )
        );
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Update))
        {
            using var stream = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            var chunk = Encoding.ASCII.GetBytes("<si><t>" + new string('a', 1 << 20) + "</t></si>");
            stream.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"u8);
            for (var i = 0; i < 600; i++)
            {
                stream.Write(chunk);
            }

            stream.Write("</sst>"u8);
        }

        Assert.True(new FileInfo(bomb).Length < 2 << 20);
        Assert.Contains(
            "at most 512 MB uncompressed",
            Assert.Single(await RefusedAsync(test, bomb)).Expected,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_workbook_row_with_cells_beyond_its_header_is_an_error()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;
        var path = files.PathOf("values.xlsx");
        TestWorkbook.Write(
            path,
            (
                "values",
                [
                    ["ref", "period", "value"],
                    ["HO01", "2018-05", "1", "stray"],
                ]
            )
        );

        var error = Assert.Single(await RefusedAsync(test, path));

        Assert.Equal(("values.xlsx [values]", 2, "D", "stray"), (error.File, error.Row, error.Column, error.Value));
    }

    [Fact]
    public async Task Two_organisations_cannot_share_a_web_address()
    {
        var (test, files) = await SeededAsync("sqlite");
        await using var _ = test;
        using var __ = files;
        await using var db = await test.OpenAsync();

        var ex = await Assert.ThrowsAsync<OutturnException>(() =>
            new Importer(db, TimeProvider.System).ImportAsync("HAVERING!", [files.PathOf("measures.csv")], "officer")
        );

        Assert.Contains(
            "same web address (/havering) as the organisation 'Havering'",
            ex.Message,
            StringComparison.Ordinal
        );
        Assert.Equal(1, await db.Organisations.CountAsync());
    }

    private static void Rewrite(string path, string part, Func<string, string> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.Entries.Single(e => e.FullName.StartsWith(part, StringComparison.Ordinal));
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = reader.ReadToEnd();
        }

        var name = entry.FullName;
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(change(xml));
    }
}
