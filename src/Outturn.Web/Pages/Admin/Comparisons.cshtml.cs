using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Comparisons;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>Comparisons with other councils: the organisation's area, comparator group and small-number threshold
/// (performance officers), and national data and comparator groups uploaded as the files councils download
/// (administrators: national data are shared by every organisation in the database).</summary>
[Authorize(Policy = Policies.ManageFramework)]
[RequestSizeLimit(MaxBytes)]
public sealed class ComparisonsModel(Access access, OutturnDbContext db, TimeProvider clock) : PageModel
{
    public const long MaxBytes = 512L * 1024 * 1024;

    public List<(string Field, string Message)> Errors { get; } = [];
    public IReadOnlyList<ImportError> FileErrors { get; private set; } = [];
    public string? Done { get; private set; }
    public IReadOnlyList<string> Groups { get; private set; } = [];
    public (int Metrics, int Areas, int Figures) Stored { get; private set; }
    public bool MayUpload => User.Allows(Policies.ManageNationalData);

    [BindProperty]
    public string? AreaCode { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    [BindProperty]
    public string? SmallNumbers { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(keepInput: false, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var orgId = (await access.OrganisationAsync(User, ct)).Id;
        var org = await db.Organisations.SingleAsync(o => o.Id == orgId, ct);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(AreaCode))
        {
            if (Domain.Comparisons.AreaCode.TryParse(AreaCode, out var c, out _))
            {
                code = c.ToString();
            }
            else
            {
                Errors.Add(("area-code", "Enter the council's area code as a letter and eight digits, like E06000031"));
            }
        }

        var group = string.IsNullOrWhiteSpace(Group) ? null : Group.Trim();
        if (group is not null && !await db.ComparatorGroups.AnyAsync(g => g.Name == group, ct))
        {
            Errors.Add(("group", "Choose a comparator group that has been uploaded"));
        }

        if (!int.TryParse(SmallNumbers, out var small) || small is < 0 or > 1000)
        {
            Errors.Add(("small-numbers", "Enter the smallest count that is shown, from 0 to 1000"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(keepInput: true, ct);
            return Page();
        }

        (org.AreaCode, org.ComparatorGroup, org.SmallNumbers) = (code, group, small);
        org.MarkChanged();
        await db.SaveChangesAsync(ct);
        await AuditAsync(org.Id, "comparison-settings", org.Name, $"area {code}, group {group}, small numbers {small}");
        Done = "Saved the comparison settings.";
        await LoadAsync(keepInput: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files, string? kind, CancellationToken ct)
    {
        if (!MayUpload)
        {
            return Forbid();
        }

        if (files.Count == 0)
        {
            Errors.Add(("files", "Choose a CSV file to upload"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(keepInput: false, ct);
            return Page();
        }

        var orgId = (await access.OrganisationAsync(User, ct)).Id;
        var dir = Directory.CreateTempSubdirectory("outturn-national-").FullName;
        try
        {
            var paths = new List<string>();
            foreach (var file in files)
            {
                // The file keeps its own name (errors name it), in a folder of its own.
                var path = Path.Combine(dir, Path.GetFileName(file.FileName));
                await using (var stream = System.IO.File.Create(path))
                {
                    await file.CopyToAsync(stream, ct);
                }

                paths.Add(path);
            }

            if (kind == "groups")
            {
                var stored = new List<string>();
                foreach (var path in paths)
                {
                    stored.AddRange(
                        (await ComparatorGroups.ImportAsync(db, path, ct)).Select(g => $"{g.Name} ({g.Members} areas)")
                    );
                }

                Done = "Stored the comparator groups: " + string.Join("; ", stored) + ".";
            }
            else
            {
                var result = await NationalImporter.ImportAsync(db, paths, ct: ct);
                Done =
                    $"Stored {result.Values:N0} figures of {result.Metrics:N0} metrics for {result.Areas:N0} areas"
                    + (result.Breakdowns > 0 ? $" ({result.Breakdowns:N0} breakdown rows left out)." : ".");
            }

            await AuditAsync(orgId, "national-data-imported", string.Join(", ", files.Select(f => f.FileName)), Done);
        }
        catch (ImportRejectedException ex)
        {
            FileErrors = ex.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        await LoadAsync(keepInput: false, ct);
        return Page();
    }

    private async Task LoadAsync(bool keepInput, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!keepInput)
        {
            AreaCode = org.AreaCode;
            Group = org.ComparatorGroup;
            SmallNumbers = org.SmallNumbers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Groups = await db.ComparatorGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(ct);
        Stored = (
            await db.Metrics.CountAsync(ct),
            await db.Areas.CountAsync(ct),
            await db.NationalValues.CountAsync(ct)
        );
    }

    private Task AuditAsync(int organisationId, string kind, string subject, string? detail) =>
        AuditLog.WriteAsync(
            db,
            organisationId,
            clock.GetUtcNow().UtcDateTime,
            User.Identity!.Name!,
            kind,
            subject,
            detail,
            HttpContext.Connection.RemoteIpAddress?.ToString()
        );
}
