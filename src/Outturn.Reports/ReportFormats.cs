using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports;

public enum ReportFormat
{
    Html,
    Pdf,
    Docx,
    Xlsx,
    Csv,
}

/// <summary>Writes a report document in any format to a file.</summary>
public static class ReportFormats
{
    public static async Task WriteAsync(ReportDocument doc, ReportFormat format, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        switch (format)
        {
            case ReportFormat.Html:
                await File.WriteAllTextAsync(path, HtmlWriter.Write(doc));
                break;
            case ReportFormat.Csv:
                await File.WriteAllTextAsync(path, CsvWriter.Write(doc), new System.Text.UTF8Encoding(true));
                break;
            case ReportFormat.Xlsx:
                await using (var stream = File.Create(path))
                {
                    XlsxWriter.Write(doc, stream);
                }

                break;
            case ReportFormat.Docx:
                await using (var stream = File.Create(path))
                {
                    DocxWriter.Write(doc, stream);
                }

                break;
            case ReportFormat.Pdf:
                await using (var pdf = await PdfWriter.StartAsync())
                {
                    await File.WriteAllBytesAsync(
                        path,
                        await pdf.WriteAsync(
                            HtmlWriter.Write(doc),
                            $"{doc.Title} — {doc.Subtitle}",
                            doc.PrintsLandscape
                        )
                    );
                }

                break;
        }
    }
}
