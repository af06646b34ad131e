using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Admin;

/// <summary>The framework's measures and actions, each with a link to change its definition; and a way to add one.
/// Searched and filtered by a GET form (ref, title, priority, theme, committee, owner, the latest month's rating,
/// tag, kind), 50 to a page.</summary>
[Authorize(Policy = Policies.ManageFramework)]
public sealed class MeasuresModel(Access access, EvaluationService evaluations, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public Paged<ItemEvaluation> Shown { get; private set; } = Paged.Of<ItemEvaluation>([], 1, PageSize);

    /// <summary>How many items the organisation has, filtered or not.</summary>
    public int Total { get; private set; }
    public string? Saved { get; private set; }

    /// <summary>The month each item's rating is read for: the latest with figures.</summary>
    public Period Month { get; private set; }

    [BindProperty(SupportsGet = true)]
    public ItemListQuery Filter { get; set; } = new();

    /// <summary>The values each of the form's lists offers, from the items themselves.</summary>
    public IReadOnlyList<string> Priorities { get; private set; } = [];
    public IReadOnlyList<string> Themes { get; private set; } = [];
    public IReadOnlyList<string> Committees { get; private set; } = [];
    public IReadOnlyList<string> Owners { get; private set; } = [];
    public IReadOnlyList<string> Tags { get; private set; } = [];

    public async Task OnGetAsync(string? saved, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Month = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
        var items = await evaluations.EvaluateAsync(org, Month, ct);
        Total = items.Count;
        Priorities = Distinct(items.Select(i => i.Priority));
        Themes = Distinct(items.Select(i => i.Theme));
        Committees = await evaluations.CommitteesAsync(org, ct);
        Owners = Distinct(items.Select(i => i.Item.Owner));
        Tags = Distinct(items.SelectMany(i => ItemListQuery.TagsOf(i.Item.Tags)));
        Shown = Paged.Of([.. items.Where(Filter.Matches)], pageNumber, PageSize);
        Saved = saved;
    }

    private static string[] Distinct(IEnumerable<string?> values) =>
        [
            .. values
                .Where(v => !string.IsNullOrWhiteSpace(v))
                .Select(v => v!.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase),
        ];
}
