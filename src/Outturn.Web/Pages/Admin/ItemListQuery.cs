using Outturn.Data.Storage;
using Outturn.Domain.Framework;

namespace Outturn.Web.Pages.Admin;

/// <summary>What the measures list is narrowed to, as its GET form sends it (so a filtered list has an address that
/// can be shared): words to find in the ref, title, owner or tags, and a priority, theme, committee, owner, rating,
/// tag or kind to match exactly. A blank field matches everything; matching ignores case.</summary>
public sealed record ItemListQuery
{
    public string? Q { get; init; }
    public string? Priority { get; init; }
    public string? Theme { get; init; }
    public string? Committee { get; init; }
    public string? Owner { get; init; }

    /// <summary>A rating's code (<c>red</c>, <c>no_data</c>) for the period the list is rated in.</summary>
    public string? Rating { get; init; }
    public string? Tag { get; init; }

    /// <summary><c>measure</c> or <c>action</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Whether any filter is set.</summary>
    public bool IsSet =>
        new[] { Q, Priority, Theme, Committee, Owner, Rating, Tag, Kind }.Any(f => !string.IsNullOrWhiteSpace(f));

    /// <summary>An item's tags as the interchange format holds them, <c>;</c>-separated.</summary>
    public static IEnumerable<string> TagsOf(string? tags) =>
        (tags ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public bool Matches(ItemEvaluation e)
    {
        var item = e.Item;
        return ListSearch.Matches(Q, item.Ref, item.Title, item.Owner, item.Tags)
            && Same(Priority, e.Priority)
            && Same(Theme, e.Theme)
            && (Blank(Committee) || e.Committees.Any(c => Same(Committee, c)))
            && Same(Owner, item.Owner)
            && Same(Rating, Codes.Of(e.Evaluation.Rating.Final))
            && (Blank(Tag) || TagsOf(item.Tags).Any(t => Same(Tag, t)))
            && Same(Kind, Codes.Of(item.Kind));
    }

    private static bool Blank(string? filter) => string.IsNullOrWhiteSpace(filter);

    private static bool Same(string? filter, string? value) =>
        Blank(filter) || string.Equals(filter!.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase);
}
