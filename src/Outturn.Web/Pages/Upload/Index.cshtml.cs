using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Upload;

/// <summary>
/// Import from the browser: the files are checked and what would change is shown (or every error), and nothing is
/// applied until the officer confirms. Between the two steps the files wait in the database (<see
/// cref="UploadStore"/>), so any instance of the app can take the confirmation; only the person who previewed them may
/// confirm them.
/// </summary>
[Authorize(Policy = Policies.Upload)]
[RequestSizeLimit(MaxBytes)]
public sealed class IndexModel(Access access, OutturnDbContext db, TimeProvider clock, UploadStore uploads) : PageModel
{
    public const long MaxBytes = 50 * 1024 * 1024;

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public ImportResult? Preview { get; private set; }
    public ImportResult? Applied { get; private set; }
    public string? Batch { get; private set; }
    public IReadOnlyList<string> FileNames { get; private set; } = [];

    public void OnGet() { }

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
            Preview = await new Importer(db, clock).ImportAsync(
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
                Applied = await new Importer(db, clock).ImportAsync(
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
