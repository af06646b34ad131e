using System.Globalization;

namespace Outturn.Web.Pages;

/// <summary>One page of a long list: the rows shown, which page this is (from 1), and how many rows there are in
/// all. A page asked for beyond the last is the last; one before the first, or not a number, is the first.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Rows, int Page, int PageSize, int Total)
{
    /// <summary>How many pages the rows make; an empty list is one empty page.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The position in the whole list of the first row shown (from 1); 0 for an empty list.</summary>
    public int First => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    /// <summary>The position in the whole list of the last row shown.</summary>
    public int Last => Math.Min(Total, Page * PageSize);

    /// <summary>"1 to 25 of 362" when the list runs to more than one page, else the count alone.</summary>
    public string Range(string noun) =>
        Pages == 1
            ? $"{Total.ToString("N0", CultureInfo.InvariantCulture)} {noun}"
            : $"{First.ToString("N0", CultureInfo.InvariantCulture)} to "
                + $"{Last.ToString("N0", CultureInfo.InvariantCulture)} of "
                + $"{Total.ToString("N0", CultureInfo.InvariantCulture)} {noun}";
}

public static class Paged
{
    /// <summary>Page <paramref name="page"/> of <paramref name="all"/>, <paramref name="pageSize"/> rows a page.
    /// </summary>
    public static Paged<T> Of<T>(IReadOnlyList<T> all, int? page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var pages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        var at = Math.Clamp(page ?? 1, 1, pages);
        return new Paged<T>([.. all.Skip((at - 1) * pageSize).Take(pageSize)], at, pageSize, all.Count);
    }
}

/// <summary>How the lists' search boxes match: every word of the search (split at spaces) is found, ignoring case,
/// in at least one of a row's fields; an empty search matches every row.</summary>
public static class ListSearch
{
    public static bool Matches(string? search, params string?[] fields) =>
        (search ?? "")
            .Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .All(word => fields.Any(f => f?.Contains(word, StringComparison.OrdinalIgnoreCase) == true));

    /// <summary>A query parameter's value, trimmed; null when it is absent or blank.</summary>
    public static string? Parameter(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>The page asked for by <c>?page=</c>, or null (the first).</summary>
    public static int? Page(HttpRequest request) =>
        int.TryParse(Parameter(request, "page"), CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>GOV.UK Frontend's pagination for a page of a list: previous and next, the first and last pages, the
/// current one with its neighbours, and ellipses between. Each link is the page's own address with every other query
/// parameter kept (filters stay set), the page number in <see cref="Parameter"/>.</summary>
public sealed record Pagination(int Page, int Pages, string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    /// <summary>The query parameter that holds the page number.</summary>
    public string Parameter { get; init; } = "page";

    /// <summary>What the navigation landmark is called, so that two lists on a page are told apart.</summary>
    public string Label { get; init; } = "Pages";

    /// <summary>A fragment the links end with (a list further down the page is scrolled to).</summary>
    public string? Anchor { get; init; }

    public static Pagination For<T>(Paged<T> paged, HttpRequest request, string parameter = "page") =>
        new(
            paged.Page,
            paged.Pages,
            request.Path,
            [
                .. request
                    .Query.Where(q => q.Key != parameter && q.Key != "handler")
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))),
            ]
        )
        {
            Parameter = parameter,
        };

    /// <summary>The address of page <paramref name="page"/>; page 1 has no page parameter.</summary>
    public string Href(int page)
    {
        var query = Query
            .Concat(
                page == 1
                    ? []
                    : [new KeyValuePair<string, string>(Parameter, page.ToString(CultureInfo.InvariantCulture))]
            )
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}");
        var text = string.Join("&", query);
        return Path + (text.Length == 0 ? "" : "?" + text) + (Anchor is null ? "" : "#" + Anchor);
    }

    /// <summary>The page numbers to offer, in order, with null where an ellipsis stands for the pages left out: the
    /// first, the last, and the current page with one either side (GOV.UK's pattern).</summary>
    public IReadOnlyList<int?> Items()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var p = Page - 1; p <= Page + 1; p++)
        {
            if (p >= 1 && p <= Pages)
            {
                shown.Add(p);
            }
        }

        var items = new List<int?>();
        var previous = 0;
        foreach (var p in shown)
        {
            if (p > previous + 1)
            {
                items.Add(null);
            }

            items.Add(p);
            previous = p;
        }

        return items;
    }
}
