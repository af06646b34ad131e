using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports;
using Outturn.Reports.Layouts;

namespace Outturn.Web.Pages.Reports;

/// <summary>The officer writes a covering report's sections around a layout and downloads the paper.</summary>
[Authorize(Policy = Policies.WriteReports)]
public sealed class CoveringModel(Access access, EvaluationService evaluations, ReportMaker reports, TimeProvider clock)
    : PageModel
{
    public IReadOnlyList<string> Committees { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    [BindProperty]
    public string Layout { get; set; } = "quarterly";

    [BindProperty]
    public string? Committee { get; set; }

    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string Format { get; set; } = "docx";

    [BindProperty]
    public Dictionary<string, string?> Sections { get; set; } = [];

    public static string Id(string section) => "section-" + section.ToLowerInvariant().Replace(' ', '-');

    public async Task OnGetAsync(CancellationToken ct) =>
        Committees = await evaluations.CommitteesAsync(await access.OrganisationAsync(User, ct), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Committees = await evaluations.CommitteesAsync(org, ct);
        if (!Enum.TryParse<ReportLayout>(Layout, true, out var layout))
        {
            Errors.Add(("layout", "Choose a layout"));
        }

        if (Committee is { Length: > 0 } && !Committees.Contains(Committee))
        {
            Errors.Add(("committee", "Choose a committee from the list"));
        }

        Period? period = null;
        if (Period is { Length: > 0 })
        {
            if (Domain.Periods.Period.TryParse(Period, out var p, out var error))
            {
                period = p;
            }
            else
            {
                Errors.Add(("period", error));
            }
        }

        if (!Enum.TryParse<ReportFormat>(Format, true, out var format))
        {
            Errors.Add(("format", "Choose a format"));
        }

        if (string.IsNullOrWhiteSpace(Sections.GetValueOrDefault("Purpose")))
        {
            Errors.Add((Id("Purpose"), "Enter the purpose of the report"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        period ??= await evaluations.ReportingPeriodAsync(org, ReportReading.NativeKind(layout), clock.GetUtcNow(), ct);
        var doc = await reports.GetAsync(
            new ReportRequest(
                org,
                layout,
                period.Value,
                Committee is { Length: > 0 } ? Committee : null,
                clock.GetUtcNow()
            ),
            ct
        );
        var text = CoveringReport.StandardSections.ToDictionary(
            s => s,
            s => Paragraphs(Sections.GetValueOrDefault(s)),
            StringComparer.OrdinalIgnoreCase
        );
        doc = CoveringReport.Wrap(doc, text, string.IsNullOrWhiteSpace(Title) ? doc.Title : Title.Trim());

        var path = Path.GetTempFileName();
        try
        {
            await ReportFormats.WriteAsync(doc, format, path);
            var type = format switch
            {
                ReportFormat.Pdf => "application/pdf",
                ReportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ReportFormat.Csv => "text/csv",
                _ => "text/html",
            };
            return File(
                await System.IO.File.ReadAllBytesAsync(path, ct),
                type,
                $"covering-report-{period.Value.ToString().Replace('/', '-').Replace(' ', '-')}."
                    + format.ToString().ToLowerInvariant()
            );
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>Paragraphs separated by blank lines; each numbered or bulleted line a paragraph of its own.</summary>
    private static IReadOnlyList<string> Paragraphs(string? text)
    {
        var errors = new List<ImportError>();
        var parsed = CoveringReport.Parse("form", "## Purpose\n" + (text ?? ""), errors);
        return parsed.TryGetValue("Purpose", out var paragraphs) ? paragraphs : [];
    }
}
