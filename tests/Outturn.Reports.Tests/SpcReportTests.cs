using Outturn.Domain.Reporting;
using Outturn.Domain.Statistics;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The quarterly and annual reports say what statistical process control makes of each indicator; the
/// quarterly key explains it.</summary>
public class SpcReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Theory]
    [InlineData(ReportLayout.Quarterly, "2017/18 Q4")]
    [InlineData(ReportLayout.Annual, "2017/18")]
    public async Task Each_indicator_has_its_variation_and_assurance_in_words(ReportLayout layout, string period)
    {
        var input = await demo.InputAsync(layout, period);
        var doc = ReportBuilder.Build(input);
        if (layout == ReportLayout.Quarterly)
        {
            var key = doc.Sections.Single(s => s.Title == "Key");
            var legend = key.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Statistical process control");
            Assert.Contains(legend.Rows, r => r.Cells[0].Text == MeasureSpc.Words(SpcVariation.Concern));
        }

        var rows = doc
            .Sections.Where(s => !s.IsKey)
            .SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks)
            .OfType<TableBlock>()
            .Where(t => t.Columns[^1].Header == "Statistical process control")
            .SelectMany(t => t.Rows)
            .ToList();
        var checkedRows = 0;
        foreach (var row in rows)
        {
            var item = input.Items.Single(i => i.Ref == row.ItemRef);
            var chart = item.Spc()?.Chart;
            var cell = row.Cells[^1].Text;
            if (chart is null)
            {
                Assert.Equal("-", cell);
                continue;
            }

            checkedRows++;
            Assert.StartsWith(MeasureSpc.Words(chart.Variation), cell, StringComparison.Ordinal);
            Assert.Equal(chart.Assurance is not null, cell.Contains("; will ", StringComparison.Ordinal));
            Assert.Equal(chart.TrialLimits, cell.EndsWith("(trial limits)", StringComparison.Ordinal));
        }

        Assert.True(checkedRows > 10);
        Assert.Contains(
            "<th scope=\"col\">Statistical process control</th>",
            HtmlWriter.Write(doc),
            StringComparison.Ordinal
        );
    }
}

/// <summary>The icons (<see cref="SpcIcons"/>): beside their words in HTML, as pictures with their words as
/// alternative text in Word, and pictures a real reader decodes.</summary>
public class SpcIconTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static readonly SpcIcons.Icon[] Every =
    [
        .. Enum.GetValues<SpcVariation>()
            .SelectMany(v => new[] { SpcIcons.Of(v, high: true), SpcIcons.Of(v, high: false) }),
        .. Enum.GetValues<SpcAssurance>().Select(SpcIcons.Of),
    ];

    [Fact]
    public async Task Each_cell_shows_its_icons_beside_its_words_in_html_and_word()
    {
        var doc = ReportBuilder.Build(await demo.InputAsync(ReportLayout.Quarterly, "2017/18 Q4"));
        var cells = doc
            .Sections.SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks)
            .OfType<TableBlock>()
            .SelectMany(t => t.Rows)
            .SelectMany(r => r.Cells)
            .Where(c => c.Spc is not null)
            .ToList();
        var icons = cells.SelectMany(c => SpcIcons.Of(c.Spc!)).ToList();
        // The key shows every kind; the indicators show more than one.
        Assert.True(icons.Select(i => i.Key).Distinct().Count() >= 6);

        var html = HtmlWriter.Write(doc);
        foreach (var cell in cells)
        {
            var drawn = string.Concat(SpcIcons.Of(cell.Spc!).Select(i => SpcIcons.Svg(i, 20)));
            Assert.Contains(
                $"<span class=\"spc-icons\">{drawn}</span> {Escape(cell.Text)}",
                html,
                StringComparison.Ordinal
            );
        }

        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        var pictures = word.MainDocumentPart!.Document.Descendants<DocumentFormat.OpenXml.Drawing.Pictures.Picture>()
            .ToList();
        Assert.Equal(
            icons.Select(i => i.Words),
            pictures.Select(p => p.NonVisualPictureProperties!.NonVisualDrawingProperties!.Description!.Value)
        );
        // Each picture's drawing has its words as alternative text; one image part per kind of icon.
        var described = word
            .MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>()
            .Where(d => d.Name!.Value!.StartsWith("Picture", StringComparison.Ordinal))
            .Select(d => d.Description!.Value)
            .ToList();
        Assert.Equal(icons.Select(i => i.Words), described);
        Assert.Equal(icons.Select(i => i.Key).Distinct().Count(), word.MainDocumentPart.ImageParts.Count());
        var ids = word
            .MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>()
            .Select(d => d.Id!.Value)
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word));
    }

    [Fact]
    public void The_pictures_are_the_icons_colour_on_a_transparent_ground()
    {
        Assert.Equal(0xCBF43926u, SpcIcons.Crc32("123456789"u8)); // the CRC-32 check value (PNG spec, Annex D)
        foreach (var icon in Every)
        {
            var png = SpcIcons.Png(icon, 64);
            var pixels = Decode(png, 64);
            Assert.Equal(0, pixels[0][3]); // a corner: outside the circle
            var top = pixels[3][(32 * 4)..((32 * 4) + 4)]; // just inside the circle's top, clear of the marks
            Assert.Equal(Convert.FromHexString(icon.Fill[1..]).Append((byte)255).ToArray(), top);
            // Some pixels are white: the marks.
            Assert.Contains(
                pixels,
                row =>
                    Enumerable
                        .Range(0, 64)
                        .Any(x => row[x * 4] == 255 && row[(x * 4) + 1] == 255 && row[(x * 4) + 3] == 255)
            );
        }
    }

    [Fact]
    public async Task Chromium_reads_every_picture()
    {
        var html = string.Concat(
            Every.Select(i =>
                $"<p><img src=\"data:image/png;base64,{Convert.ToBase64String(SpcIcons.Png(i, 64))}\" "
                + $"alt=\"{i.Words}\"></p>"
            )
        );
        await using var pdf = await PdfWriter.StartAsync();
        var bytes = await pdf.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><body>{html}</body></html>", "Icons");
        var path = Path.Combine(Path.GetTempPath(), $"icons-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            // pdfimages lists each image Chromium decoded and embedded: the picture and its alpha mask, 64 × 64.
            var list = await ExternalTools.RunAsync("pdfimages", "-list", path);
            var images = list.Split('\n')
                .Skip(2)
                .Where(l => l.Trim().Length > 0)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
            Assert.Equal(Every.Length, images.Count(c => c[2] == "image" && c[3] == "64" && c[4] == "64"));
            Assert.Equal(Every.Length, images.Count(c => c[2] == "smask"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Each row's RGBA bytes, from the PNG's IDAT chunks (filter "none" on every row, as written).</summary>
    private static byte[][] Decode(byte[] png, int size)
    {
        var at = 8;
        using var data = new MemoryStream();
        while (at < png.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            Assert.Equal(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)),
                SpcIcons.Crc32(png.AsSpan(at + 4, length + 4))
            );
            if (type == "IHDR")
            {
                Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body));
            }
            else if (type == "IDAT")
            {
                data.Write(body);
            }

            at += 12 + length;
        }

        data.Position = 0;
        using var zlib = new System.IO.Compression.ZLibStream(data, System.IO.Compression.CompressionMode.Decompress);
        var raw = new byte[size * ((size * 4) + 1)];
        zlib.ReadExactly(raw);
        return [.. Enumerable.Range(0, size).Select(y => raw.AsSpan((y * ((size * 4) + 1)) + 1, size * 4).ToArray())];
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
