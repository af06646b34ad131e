using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Reports.Writers;

namespace Outturn.Web.Api;

/// <summary>
/// Open data: each organisation's published figures, with their definitions and units, at stable addresses
/// (<c>/open-data/{org}/values.csv</c>, <c>values.json</c>, <c>measures.csv</c>, <c>measures.json</c>,
/// <c>comparisons.csv</c>, <c>comparisons.json</c>) that Power BI's web connector or a spreadsheet reads directly. The
/// same for everyone: only published figures, whoever asks.
/// </summary>
public static class OpenData
{
    public static readonly IReadOnlyList<string> MeasureColumns =
    [
        "ref",
        "title",
        "kind",
        "priority",
        "theme",
        "committees",
        "unit",
        "rate_per",
        "decimals",
        "polarity",
        "frequency",
        "aggregation",
        "description",
    ];

    public static readonly IReadOnlyList<string> ValueColumns =
    [
        "ref",
        "title",
        "priority",
        "theme",
        "unit",
        "rate_per",
        "polarity",
        "period",
        "period_kind",
        "period_start",
        "period_end",
        "value",
        "value_number",
        "status",
        "qualifier",
        "target",
        "target_number",
        "numerator",
        "denominator",
        "breakdown",
        "value_note",
        "commentary",
        "missing_reason",
        "benchmark_national",
        "benchmark_regional",
        "benchmark_neighbours",
    ];

    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/open-data/{org}").AllowAnonymous().WithTags("Open data");
        group
            .MapGet("/measures.{format}", Measures)
            .WithName("OpenDataMeasures")
            .WithSummary("Published measures' definitions (csv or json)")
            .Produces(200, contentType: "text/csv");
        group
            .MapGet("/values.{format}", Values)
            .WithName("OpenDataValues")
            .WithSummary("Published figures with their definitions and units (csv or json)")
            .Produces(200, contentType: "text/csv");
        group
            .MapGet("/comparisons.{format}", Comparisons)
            .WithName("OpenDataComparisons")
            .WithSummary(
                "Linked measures compared with other councils at their latest period: rank, quartile, significance, "
                    + "recent trend (csv or json)"
            )
            .Produces(200, contentType: "text/csv");
    }

    private static async Task<IResult> Measures(
        string org,
        string format,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        CancellationToken ct
    )
    {
        if (await access.FindOrganisationAsync(org, ct) is not { } organisation || format is not ("csv" or "json"))
        {
            return ApiResults.Problem(
                404,
                "Not found",
                $"There is no open data at {http.Request.Path}: /open-data/ORGANISATION/measures.csv or .json."
            );
        }

        var published = await access.PublishedUntilAsync(organisation, ct);
        var ids = published.Keys.ToList();
        var items = await db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i => ids.Contains(i.Id))
            .OrderBy(i => i.SortOrder)
            .AsSplitQuery()
            .ToListAsync(ct);
        var rows = items.Select(i =>
            new string?[]
            {
                i.Ref,
                i.Title,
                Codes.Of(i.Kind),
                i.Theme?.Priority?.Name,
                i.Theme?.Name,
                string.Join(";", i.Committees.OrderBy(c => c.Committee!.SortOrder).Select(c => c.Committee!.Name)),
                Codes.Of(i.Unit),
                i.RatePer?.ToString(CultureInfo.InvariantCulture),
                i.Decimals?.ToString(CultureInfo.InvariantCulture),
                Codes.Of(i.Polarity),
                Codes.Of(i.Frequency),
                Codes.Of(i.Aggregation),
                i.Description,
            }
        );
        return Write(http, format, MeasureColumns, rows, numeric: ["rate_per", "decimals"]);
    }

    /// <summary>The columns of <c>outturn compare</c>'s CSV that are numbers.</summary>
    private static readonly string[] ComparisonNumbers =
    [
        "value",
        "lower_ci_95",
        "upper_ci_95",
        "group_size",
        "group_average",
        "group_median",
        "rank",
        "quartile",
        "variance_pct",
        "england_value",
    ];

    private static async Task<IResult> Comparisons(
        string org,
        string format,
        HttpContext http,
        ApiAccess access,
        Data.Comparisons.ComparisonService comparisons,
        CancellationToken ct
    )
    {
        if (await access.FindOrganisationAsync(org, ct) is not { } organisation || format is not ("csv" or "json"))
        {
            return ApiResults.Problem(
                404,
                "Not found",
                $"There is no open data at {http.Request.Path}: /open-data/ORGANISATION/comparisons.csv or .json."
            );
        }

        IReadOnlyList<Data.Comparisons.MeasureComparison> rows = [];
        if (organisation.AreaCode is not null)
        {
            rows = await ApiEndpoints.PublicAsync(
                access,
                organisation,
                await comparisons.CompareAsync(organisation, null, null, ct: ct),
                ct
            );
        }

        var table = Data.Tables.ComparisonTable.Of(rows);
        return Write(http, format, table.Columns, table.Rows, ComparisonNumbers, flags: ["joint", "suppressed"]);
    }

    private static async Task<IResult> Values(
        string org,
        string format,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        CancellationToken ct
    )
    {
        if (await access.FindOrganisationAsync(org, ct) is not { } organisation || format is not ("csv" or "json"))
        {
            return ApiResults.Problem(
                404,
                "Not found",
                $"There is no open data at {http.Request.Path}: /open-data/ORGANISATION/values.csv or .json."
            );
        }

        var published = await access.PublishedUntilAsync(organisation, ct);
        var ids = published.Keys.ToList();
        var items = await db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, ct);
        var entries = await db
            .Entries.AsNoTracking()
            .Where(e => ids.Contains(e.ItemId))
            .OrderBy(e => e.ItemId)
            .ThenBy(e => e.PeriodEnd)
            .ThenBy(e => e.PeriodStart)
            .ToListAsync(ct);
        var order = items
            .Values.OrderBy(i => i.SortOrder)
            .Select((i, n) => (i.Id, n))
            .ToDictionary(x => x.Id, x => x.n);
        var rows = entries
            .Where(e => e.PeriodEnd <= published[e.ItemId])
            .OrderBy(e => order[e.ItemId])
            .ThenBy(e => e.PeriodEnd)
            .ThenBy(e => e.PeriodStart)
            .Select(e =>
            {
                var i = items[e.ItemId];
                var v = ValueRecord.Of(i.Ref, e);
                return new string?[]
                {
                    i.Ref,
                    i.Title,
                    i.Theme?.Priority?.Name,
                    i.Theme?.Name,
                    Codes.Of(i.Unit),
                    i.RatePer?.ToString(CultureInfo.InvariantCulture),
                    Codes.Of(i.Polarity),
                    v.Period,
                    v.PeriodKind,
                    v.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    v.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    v.Value,
                    Number(v.ValueNumber),
                    v.Status,
                    v.Qualifier,
                    v.Target,
                    Number(v.TargetNumber),
                    Number(v.Numerator),
                    Number(v.Denominator),
                    v.Breakdown,
                    v.ValueNote,
                    v.Commentary,
                    v.MissingReason,
                    Number(v.BenchmarkNational),
                    Number(v.BenchmarkRegional),
                    Number(v.BenchmarkNeighbours),
                };
            });
        return Write(
            http,
            format,
            ValueColumns,
            rows,
            numeric:
            [
                "rate_per",
                "value_number",
                "target_number",
                "numerator",
                "denominator",
                "benchmark_national",
                "benchmark_regional",
                "benchmark_neighbours",
            ]
        );
    }

    private static string? Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);

    private static IResult Write(
        HttpContext http,
        string format,
        IReadOnlyList<string> columns,
        IEnumerable<string?[]> rows,
        IReadOnlyList<string> numeric,
        IReadOnlyList<string>? flags = null
    )
    {
        if (format == "csv")
        {
            return ApiResults.WithETag(http, CsvWriter.Table(columns, rows), "text/csv; charset=utf-8");
        }

        // JSON: an array of flat objects, numbers as numbers and flags as true or false, so a table tool sees typed
        // columns.
        var list = rows.Select(row =>
            {
                var o = new Dictionary<string, object?>(columns.Count);
                for (var c = 0; c < columns.Count; c++)
                {
                    o[columns[c]] =
                        numeric.Contains(columns[c]) && row[c] is { } n
                            ? decimal.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture)
                        : flags?.Contains(columns[c]) == true && row[c] is { } f ? bool.Parse(f)
                        : row[c];
                }

                return o;
            })
            .ToList();
        return ApiResults.Json(http, list);
    }
}
