using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Cycle;
using Outturn.Domain.Cycle;

namespace Outturn.Web.Pages.Collection;

/// <summary>Return a submitted or approved figure to its owner, with the reason they will be told.</summary>
[Authorize(Policy = Policies.ApproveFigures)]
public sealed class ReturnModel(Access access, CollectionService collection) : PageModel
{
    public const int MaxReason = 2000;

    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public CollectionRow? Row { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            Error = "Enter the reason, so that the owner knows what to change";
        }
        else if (reason.Length > MaxReason)
        {
            Error = $"The reason must be {MaxReason:N0} characters or fewer";
        }
        else
        {
            try
            {
                var org = await access.OrganisationAsync(User, ct);
                await collection.StepAsync(
                    org,
                    Row!.Item.Ref,
                    Row.Period,
                    CollectionStep.Returned,
                    User.Identity!.Name!,
                    reason,
                    ct
                );
                var month = Month ?? Row.Period.ToString();
                return Redirect($"/collection?period={Uri.EscapeDataString(month)}&done=returned");
            }
            catch (OutturnException ex)
            {
                Error = ex.Message;
            }
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Reference is null || !Domain.Periods.Period.TryParse(Period, out var p))
        {
            return false;
        }

        var org = await access.OrganisationAsync(User, ct);
        Row = (await collection.DueAsync(org, p, ct)).FirstOrDefault(r =>
            r.Period == p && string.Equals(r.Item.Ref, Reference, StringComparison.OrdinalIgnoreCase)
        );
        return Row is not null;
    }
}
