using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Upload;

/// <summary>
/// Import from the browser: the files are checked and what would change is shown (or every error), and nothing is
/// applied until the officer confirms. Files wait in a private temporary folder between the two steps.
/// </summary>
[Authorize(Policy = Policies.Publish)]
[RequestSizeLimit(MaxBytes)]
public sealed class IndexModel(Access access, OutturnDbContext db, TimeProvider clock) : PageModel
{
    public const long MaxBytes = 50 * 1024 * 1024;
    private static readonly string Folder = PrivateFolder(Path.Combine(Path.GetTempPath(), "outturn-uploads"));

    /// <summary>A folder only this service's account may read: uploaded figures may not be published yet.</summary>
    private static string PrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path).FullName;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var dir = Directory.CreateDirectory(path, OwnerOnly);
        System.IO.File.SetUnixFileMode(dir.FullName, OwnerOnly);
        return dir.FullName;
    }

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public ImportResult? Preview { get; private set; }
    public ImportResult? Applied { get; private set; }
    public string? Batch { get; private set; }
    public IReadOnlyList<string> FileNames { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(List<IFormFile> files, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        if (files.Count == 0 || files.Exists(f => Path.GetExtension(f.FileName).ToLowerInvariant() is not (".csv" or ".xlsx")))
        {
            Problem = "Choose one or more .csv files, or an .xlsx workbook, in the interchange format";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        RemoveStale(clock.GetUtcNow());
        Batch = Guid.NewGuid().ToString("N");
        var dir = Directory.CreateDirectory(Path.Combine(FolderOf(org), Batch)).FullName;
        foreach (var file in files)
        {
            await using var stream = System.IO.File.Create(Path.Combine(dir, Path.GetFileName(file.FileName)));
            await file.CopyToAsync(stream, ct);
        }

        FileNames = [.. files.Select(f => Path.GetFileName(f.FileName))];
        try
        {
            Preview = await new Importer(db, clock).ImportAsync(org.Name, Directory.GetFiles(dir), User.Identity!.Name!, apply: false, ct: ct);
        }
        catch (ImportRejectedException ex)
        {
            Errors = ex.Errors;
            Directory.Delete(dir, recursive: true);
            Batch = null;
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

        var dir = Path.Combine(FolderOf(org), batch ?? "");
        if (!Guid.TryParseExact(batch, "N", out _) || !Directory.Exists(dir))
        {
            return NotFound();
        }

        try
        {
            Applied = await new Importer(db, clock).ImportAsync(org.Name, Directory.GetFiles(dir), User.Identity!.Name!, apply: true, ct: ct);
        }
        catch (ImportRejectedException ex)
        {
            // The database changed since the preview in a way that makes the files wrong now.
            Errors = ex.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return Page();
    }

    /// <summary>Each person's uploads for an organisation wait in a folder of their own: a batch can be confirmed only
    /// by the person who previewed it, for the organisation it was checked against.</summary>
    private string FolderOf(Data.Entities.Organisation org) =>
        Path.Combine(Folder, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{org.Id}\n{User.Identity!.Name}")))[..24]);

    /// <summary>Previews never confirmed are removed after a day.</summary>
    private static void RemoveStale(DateTimeOffset now)
    {
        foreach (var dir in Directory.EnumerateDirectories(Folder).SelectMany(Directory.EnumerateDirectories))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(dir) < now.UtcDateTime.AddDays(-1))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
                // Another request is using or removing it.
            }
        }
    }
}
