using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;

namespace Outturn.Web.Pages.Admin;

/// <summary>When figures are due: the organisation's deadline rule, whose bank holidays are not working days, and
/// the organisation's own days off (a closure day, a proclamation not yet in the shipped data).</summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class DeadlinesModel(Access access, OutturnDbContext db) : PageModel
{
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? Done { get; private set; }
    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    [BindProperty]
    public string? Rule { get; set; }

    [BindProperty]
    public string? Region { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var orgId = (await access.OrganisationAsync(User, ct)).Id;
        var org = await db.Organisations.SingleAsync(o => o.Id == orgId, ct);
        if (!DeadlineRule.TryParse(Rule, out var rule, out _))
        {
            Errors.Add(("rule", $"Enter a deadline as {DeadlineRule.ExpectedForms}, at most {DeadlineRule.MaxDays}"));
        }

        if (!HolidayRegions.TryParse(Region, out var region))
        {
            Errors.Add(("region", "Choose whose bank holidays apply"));
        }

        if (Errors.Count == 0)
        {
            (org.DeadlineRule, org.HolidayRegion) = (rule.ToString(), region.Code());
            await db.SaveChangesAsync(ct);
            Done = $"Figures are due {rule} after each period ends, skipping the bank holidays of {region.Words()}.";
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct, keepInput: Errors.Count > 0);
        return Page();
    }

    public async Task<IActionResult> OnPostHolidayAsync(string? date, string? name, CancellationToken ct)
    {
        var orgId = (await access.OrganisationAsync(User, ct)).Id;
        if (
            !DateOnly.TryParseExact(
                date?.Trim(),
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var day
            )
        )
        {
            Errors.Add(("holiday-date", "Enter the date as 2027-12-24"));
        }
        else if (await db.Holidays.AnyAsync(h => h.OrganisationId == orgId && h.Date == day, ct))
        {
            Errors.Add(("holiday-date", $"{day:d MMMM yyyy} is already a holiday here"));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            Errors.Add(("holiday-name", "Enter what the day is, in 200 characters or fewer"));
        }

        if (Errors.Count == 0)
        {
            db.Holidays.Add(
                new Holiday
                {
                    OrganisationId = orgId,
                    Date = day,
                    Name = name!.Trim(),
                }
            );
            await db.SaveChangesAsync(ct);
            Done = $"{day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} is not a working day.";
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var orgId = (await access.OrganisationAsync(User, ct)).Id;
        var holiday = await db.Holidays.SingleOrDefaultAsync(h => h.Id == id && h.OrganisationId == orgId, ct);
        if (holiday is null)
        {
            return NotFound();
        }

        db.Holidays.Remove(holiday);
        await db.SaveChangesAsync(ct);
        Done = $"{holiday.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} is a working day again.";
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct, bool keepInput = false)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!keepInput)
        {
            (Rule, Region) = (org.DeadlineRule, org.HolidayRegion);
        }

        Holidays = await db
            .Holidays.AsNoTracking()
            .Where(h => h.OrganisationId == org.Id)
            .OrderBy(h => h.Date)
            .ToListAsync(ct);
    }
}
