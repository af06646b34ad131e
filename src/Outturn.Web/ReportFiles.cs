using Outturn.Reports;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Web;

/// <summary>A report document as a download: its content type, its file extension and its bytes, every format
/// written in memory, PDFs by the app's shared <see cref="PdfRenderer"/>.</summary>
public static class ReportFiles
{
    private static readonly Dictionary<ReportFormat, (string Type, string Extension)> Types = new()
    {
        [ReportFormat.Html] = ("text/html; charset=utf-8", "html"),
        [ReportFormat.Pdf] = ("application/pdf", "pdf"),
        [ReportFormat.Docx] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        [ReportFormat.Xlsx] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        [ReportFormat.Csv] = ("text/csv; charset=utf-8", "csv"),
    };

    public static string ContentType(ReportFormat format) => Types[format].Type;

    public static string Extension(ReportFormat format) => Types[format].Extension;

    /// <summary>The file's bytes; <paramref name="publishedKey"/> lets the renderer keep a published paper's PDF.
    /// A busy renderer throws <see cref="PdfBusyException"/>.</summary>
    public static Task<byte[]> BytesAsync(
        ReportDocument doc,
        ReportFormat format,
        PdfRenderer pdfs,
        string? publishedKey,
        CancellationToken ct
    ) => Data.Diagnostics.Jobs.RunAsync("report", () => WriteAsync(doc, format, pdfs, publishedKey, ct));

    private static async Task<byte[]> WriteAsync(
        ReportDocument doc,
        ReportFormat format,
        PdfRenderer pdfs,
        string? publishedKey,
        CancellationToken ct
    )
    {
        switch (format)
        {
            case ReportFormat.Pdf:
                return await pdfs.RenderAsync(doc, publishedKey, ct);
            case ReportFormat.Html:
                return System.Text.Encoding.UTF8.GetBytes(HtmlWriter.Write(doc));
            case ReportFormat.Csv:
                return
                [
                    .. System.Text.Encoding.UTF8.GetPreamble(),
                    .. System.Text.Encoding.UTF8.GetBytes(CsvWriter.Write(doc)),
                ];
            default:
                using (var stream = new MemoryStream())
                {
                    if (format == ReportFormat.Docx)
                    {
                        DocxWriter.Write(doc, stream);
                    }
                    else
                    {
                        XlsxWriter.Write(doc, stream);
                    }

                    return stream.ToArray();
                }
        }
    }
}
