using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>The organisation's rating scheme, as `outturn scheme set` changes it.</summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class SchemeModel(Access access, OutturnDbContext db) : PageModel
{
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    [BindProperty]
    public string AmberTolerance { get; set; } = "";

    [BindProperty]
    public string? BlueMargin { get; set; }

    [BindProperty]
    public string MissingRating { get; set; } = "";

    [BindProperty]
    public string DirectionTolerance { get; set; } = "";

    [BindProperty]
    public string DirectionStyle { get; set; } = "judged";

    [BindProperty]
    public string DirectionMethod { get; set; } = "two_point";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        (AmberTolerance, BlueMargin, MissingRating, DirectionTolerance, DirectionStyle, DirectionMethod) = (
            org.AmberTolerance,
            org.BlueMargin ?? "none",
            org.MissingRating,
            org.DirectionTolerance,
            org.DirectionStyle,
            org.DirectionMethod
        );
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        try
        {
            await new SchemeService(db).SetAsync(
                org.Name,
                AmberTolerance,
                string.IsNullOrWhiteSpace(BlueMargin) ? "none" : BlueMargin,
                MissingRating,
                DirectionTolerance,
                DirectionStyle,
                DirectionMethod,
                ct
            );
            Saved = true;
        }
        catch (OutturnException ex)
        {
            Error = ex.Message.Replace("--", "", StringComparison.Ordinal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
