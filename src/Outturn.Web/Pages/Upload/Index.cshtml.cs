using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Upload;

/// <summary>
/// Import from the browser: the files are checked and what would change is shown (or every error), and nothing is
/// applied until the officer confirms. Between the two steps the files wait in the database (<see
/// cref="UploadStore"/>), so any instance of the app can take the confirmation; only the person who previewed them may
/// confirm them.
/// </summary>
[Authorize(Policy = Policies.Upload)]
[RequestSizeLimit(MaxBytes)]
public sealed class IndexModel(
    Access access,
    OutturnDbContext db,
    TimeProvider clock,
    UploadStore uploads,
    EvaluationService evaluations,
    CollectionService collection
) : PageModel
{
    public const long MaxBytes = 50 * 1024 * 1024;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public ImportResult? Preview { get; private set; }
    public ImportResult? Applied { get; private set; }
    public string? Batch { get; private set; }
    public IReadOnlyList<string> FileNames { get; private set; } = [];

    /// <summary>Why the files correct figures of locked months, if they do: kept with each change.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The reason given, for a person who may correct locked months (<see cref="Policies.LockPeriods"/>).
    /// </summary>
    private string? LockedReason =>
        User.Allows(Policies.LockPeriods) && !string.IsNullOrWhiteSpace(Reason)
            ? Domain.Values.TextClip.Clip(Reason.Trim(), Data.Entities.EntryChange.MaxReason)
            : null;

    /// <summary>The month whose figures the page offers to download for filling in.</summary>
    public Period Month { get; private set; }

    /// <summary>The months whose figures due can be downloaded: the one after <see cref="Month"/>, it, and the 23
    /// before it, latest first.</summary>
    public IReadOnlyList<Period> Months { get; private set; } = [];

    /// <summary>Every handler's page offers the month picker, an upload refused with errors too.</summary>
    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next
    )
    {
        ArgumentNullException.ThrowIfNull(next);
        var ct = HttpContext.RequestAborted;
        Month = await ReportingMonthAsync(await access.OrganisationAsync(User, ct), ct);
        Months = [.. Enumerable.Range(-1, 25).Select(i => Month.Shift(-i))];
        await next();
    }

    public void OnGet() { }

    /// <summary>Every figure due in a month (the month's, and the quarter's or year's that end in it) as a values
    /// table in the interchange format: an entered figure with all its fields, so that editing a cell and uploading
    /// the file changes only that cell; one not yet entered as its ref and period, to fill in (a line left blank adds
    /// nothing).</summary>
    public async Task<IActionResult> OnGetFiguresAsync(string? period, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        var month =
            Period.TryParse(period, out var p) && p.Kind == PeriodKind.Month ? p : await ReportingMonthAsync(org, ct);
        var due = await collection.DueAsync(org, month, ct);
        var ids = due.Select(d => d.Item.Id).Distinct().ToList();
        var periods = due.Select(d => d.Period.ToString()).Distinct().ToList();
        var entries = (
            await db
                .Entries.AsNoTracking()
                .Where(e => ids.Contains(e.ItemId) && periods.Contains(e.Period))
                .ToListAsync(ct)
        ).ToDictionary(e => (e.ItemId, e.Period));
        var rows = due.Select(d =>
            entries.TryGetValue((d.Item.Id, d.Period.ToString()), out var entry)
                ? Exporter.Cells(d.Item.Ref, entry)
                : Blank(d.Item.Ref, d.Period)
        );
        return File(
            Outturn.Reports.Writers.CsvWriter.Table(Columns.Values, rows),
            "text/csv; charset=utf-8",
            $"{Slug.Of(org.Name)}-figures-due-{month}.csv"
        );
    }

    /// <summary>A field's text before and after a row: "12 → 14", the new text alone for an added figure, or the
    /// text once where the row leaves it as it was.</summary>
    public static string FromTo(bool added, string? from, string? to) =>
        added || string.Equals(from, to, StringComparison.Ordinal)
            ? to ?? ""
            : $"{(string.IsNullOrEmpty(from) ? "none" : from)} → {(string.IsNullOrEmpty(to) ? "none" : to)}";

    private static string?[] Blank(string reference, Period period) =>
        [
            .. Columns.Values.Select(column =>
                column switch
                {
                    "ref" => reference,
                    "period" => period.ToString(),
                    _ => null,
                }
            ),
        ];

    private Task<Period> ReportingMonthAsync(Organisation org, CancellationToken ct) =>
        evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);

    public async Task<IActionResult> OnPostPreviewAsync(List<IFormFile> files, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        if (
            files.Count == 0
            || files.Exists(f => Path.GetExtension(f.FileName).ToLowerInvariant() is not (".csv" or ".xlsx"))
        )
        {
            Problem = "Choose one or more .csv files, or an .xlsx workbook, in the interchange format";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var contents = new List<(string Name, byte[] Content)>();
        foreach (var file in files)
        {
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory, ct);
            contents.Add((Path.GetFileName(file.FileName), memory.ToArray()));
        }

        FileNames = [.. contents.Select(f => f.Name)];
        var batch = await uploads.SaveAsync(org.Id, User.Identity!.Name!, contents, ct);
        using var folder = await PrivateFolder.WithAsync(contents, ct);
        try
        {
            Preview = await new Importer(db, clock) { CorrectionReason = LockedReason }.ImportAsync(
                org.Name,
                folder.Files,
                User.Identity!.Name!,
                apply: false,
                ct: ct
            );
            Batch = batch;
        }
        catch (ImportRejectedException ex)
        {
            Errors = ex.Errors;
            await uploads.DeleteAsync(batch, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string batch, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        if (
            !Guid.TryParseExact(batch, "N", out _)
            || await uploads.OpenAsync(batch, org.Id, User.Identity!.Name!, ct) is not { } folder
        )
        {
            return NotFound();
        }

        using (folder)
        {
            try
            {
                Applied = await new Importer(db, clock) { CorrectionReason = LockedReason }.ImportAsync(
                    org.Name,
                    folder.Files,
                    User.Identity!.Name!,
                    apply: true,
                    ct: ct
                );
            }
            catch (ImportRejectedException ex)
            {
                // The database changed since the preview in a way that makes the files wrong now.
                Errors = ex.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            finally
            {
                await uploads.DeleteAsync(batch, ct);
            }
        }

        return Page();
    }
}
