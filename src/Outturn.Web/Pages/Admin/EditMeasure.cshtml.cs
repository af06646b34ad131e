using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>
/// Adds a measure or action, or changes one's definition. The form is one row of the interchange format's measures
/// table and is saved by the importer, so the web checks exactly what a file import checks (docs/import-format.md).
/// A new priority, theme or committee typed here is created, as an import would.
/// </summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class EditMeasureModel(Access access, OutturnDbContext db, TimeProvider clock) : PageModel
{
    public bool IsNew { get; private set; }
    public IReadOnlyList<string> AllCommittees { get; private set; } = [];
    public IReadOnlyList<string> Priorities { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>The form's fields by interchange column name (ref, title, kind, priority, …).</summary>
    [BindProperty]
    public Dictionary<string, string?> Fields { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public List<string> Committees { get; set; } = [];

    [BindProperty]
    public string? NewCommittee { get; set; }

    public string? Field(string column) => Fields.GetValueOrDefault(column);

    public string? ErrorFor(string column) => Errors.FirstOrDefault(e => e.Field == column).Message;

    /// <summary>Where the measure's control limits are worked out afresh (docs/spc.md), earliest first.</summary>
    public IReadOnlyList<SpcRebaseRecord> Rebases { get; private set; } = [];

    /// <summary>Whether the item is a measure, whose figures have control limits.</summary>
    public bool HasLimits { get; private set; }

    [BindProperty]
    public string? RebaseFrom { get; set; }

    [BindProperty]
    public string? RebaseReason { get; set; }

    /// <summary>Why the rebase form's period or reason was refused, by the field it names.</summary>
    public (string Field, string Message)? RebaseError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? reference, CancellationToken ct)
    {
        reference = RouteText.DecodeOrNull(reference);
        var org = await access.OrganisationAsync(User, ct);
        await LoadChoicesAsync(org, ct);
        IsNew = reference is null;
        if (reference is null)
        {
            Fields = new()
            {
                ["kind"] = "measure",
                ["unit"] = "count",
                ["polarity"] = "higher",
                ["frequency"] = "monthly",
                ["aggregation"] = "snapshot",
                ["decimals"] = "0",
            };
            return Page();
        }

        if (await FindAsync(org, reference, ct) is not { } item)
        {
            return NotFound();
        }

        await ShowAsync(item, ct);
        return Page();
    }

    private async Task ShowAsync(Item item, CancellationToken ct)
    {
        HasLimits = item.Kind == Domain.Framework.ItemKind.Measure;
        Rebases = await new SpcRebaseService(db, clock).ListAsync(item.Id, ct);
        var cells = Exporter.MeasureCells(item);
        Fields = Columns
            .Measures.Select((c, i) => (c, cells[i]))
            .ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);
        Committees =
        [
            .. (cells[Columns.Measures.ToList().IndexOf("committees")] ?? "").Split(
                ';',
                StringSplitOptions.RemoveEmptyEntries
            ),
        ];
    }

    /// <summary>Works the measure's control limits out afresh from a period, with the reason.</summary>
    public async Task<IActionResult> OnPostRebaseAsync(string reference, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (await FindAsync(org, RouteText.Decode(reference), ct) is not { } item)
        {
            return NotFound();
        }

        if (!Domain.Periods.Period.TryParse(RebaseFrom?.Trim(), out var from))
        {
            RebaseError = ("from", $"Enter the period the limits start from, such as 2017-04 or 2017/18 Q1");
        }
        else
        {
            try
            {
                await new SpcRebaseService(db, clock).SetAsync(
                    item,
                    from,
                    RebaseReason ?? "",
                    User.Identity!.Name!,
                    ct
                );
                return Redirect($"/admin/measures/edit/{Uri.EscapeDataString(item.Ref)}#limits");
            }
            catch (OutturnException ex)
            {
                RebaseError = ("reason", ex.Message);
            }
        }

        await LoadChoicesAsync(org, ct);
        await ShowAsync(item, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Stops working the limits out afresh from a period.</summary>
    public async Task<IActionResult> OnPostUnrebaseAsync(string reference, string from, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (
            await FindAsync(org, RouteText.Decode(reference), ct) is not { } item
            || !Domain.Periods.Period.TryParse(from, out var period)
        )
        {
            return NotFound();
        }

        await new SpcRebaseService(db, clock).RemoveAsync(item, period, User.Identity!.Name!, ct);
        return Redirect($"/admin/measures/edit/{Uri.EscapeDataString(item.Ref)}#limits");
    }

    public async Task<IActionResult> OnPostAsync(string? reference, CancellationToken ct)
    {
        reference = RouteText.DecodeOrNull(reference);
        var org = await access.OrganisationAsync(User, ct);
        await LoadChoicesAsync(org, ct);
        IsNew = reference is null;
        if (reference is not null)
        {
            if (await FindAsync(org, reference, ct) is not { } item)
            {
                return NotFound();
            }

            Fields["ref"] = item.Ref;
        }
        else if (Field("ref") is { Length: > 0 } wanted && await FindAsync(org, wanted, ct) is not null)
        {
            Errors.Add(("ref", $"{wanted.Trim()} is already used: choose another reference, or change that one"));
        }

        var committees = Committees.Where(c => AllCommittees.Contains(c)).ToList();
        if (!string.IsNullOrWhiteSpace(NewCommittee))
        {
            committees.Add(NewCommittee.Trim());
        }

        Fields["committees"] = string.Join(";", committees);
        if (Errors.Count == 0)
        {
            var cells = Columns
                .Measures.Select(c =>
                    Fields.GetValueOrDefault(c) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null
                )
                .ToArray();
            var table = new RawTable("the form", TableKind.Measures, Columns.Measures, [new RawRow(2, cells)]);
            var errors = new List<ImportError>();
            try
            {
                await new Importer(db, clock).ImportAsync(org.Name, [table], errors, User.Identity!.Name!, ct: ct);
                return Redirect($"/admin/measures?saved={Uri.EscapeDataString(cells[0]!)}");
            }
            catch (ImportRejectedException ex)
            {
                Errors.AddRange(ex.Errors.Select(e => (e.Column ?? "ref", Sentence(e))));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Sentence(ImportError e) =>
        (e.Column is { } c ? Label(c) : "This") + (e.Value is null ? "" : $" '{e.Value}'") + ": expected " + e.Expected;

    public static string Label(string column) =>
        column switch
        {
            "ref" => "Reference",
            "rate_per" => "Rate per",
            "amber_tolerance" => "Amber tolerance",
            "blue_margin" => "Blue margin",
            _ => char.ToUpperInvariant(column[0]) + column[1..].Replace('_', ' '),
        };

    private Task<Item?> FindAsync(Organisation org, string reference, CancellationToken ct)
    {
        var key = Item.KeyOf(reference);
        return db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.OrganisationId == org.Id && i.RefKey == key, ct);
    }

    private async Task LoadChoicesAsync(Organisation org, CancellationToken ct)
    {
        AllCommittees = await db
            .Committees.AsNoTracking()
            .Where(c => c.OrganisationId == org.Id)
            .OrderBy(c => c.SortOrder)
            .Select(c => c.Name)
            .ToListAsync(ct);
        Priorities = await db
            .Priorities.AsNoTracking()
            .Where(p => p.OrganisationId == org.Id)
            .OrderBy(p => p.SortOrder)
            .Select(p => p.Name)
            .ToListAsync(ct);
    }
}
