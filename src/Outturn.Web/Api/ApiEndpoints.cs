using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>
/// The JSON API, version 1, under <c>/api/v1</c> (docs/api.md). Reads take a bearer token, a browser's cookie, or
/// nothing (published figures only); writes take a write-scoped token and go through the importer, so they are
/// checked and kept in history as a file import is.
/// </summary>
public static class ApiEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AllowAnonymous().WithTags("Outturn API v1")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/organisations", ListOrganisations).WithName("ListOrganisations")
            .WithSummary("Organisations").WithDescription("Every organisation, with its settings and rating scheme.")
            .Produces<IReadOnlyList<OrganisationRecord>>();
        var org = api.MapGroup("/organisations/{org}");
        org.MapGet("", GetOrganisation).WithName("GetOrganisation").WithSummary("An organisation").Produces<OrganisationRecord>();
        org.MapGet("/framework", GetFramework).WithName("GetFramework")
            .WithSummary("Priorities, themes and committees").Produces<FrameworkRecord>();
        org.MapGet("/items", ListItems).WithName("ListItems")
            .WithSummary("Measures and actions").WithDescription("Filter by committee, priority and kind (measure or action); a page at a time.")
            .Produces<Page<ItemRecord>>();
        org.MapGet("/items/{ref}", GetItem).WithName("GetItem").WithSummary("A measure or action").Produces<ItemRecord>();
        org.MapGet("/periods", ListPeriods).WithName("ListPeriods")
            .WithSummary("Periods with figures").WithDescription("Every period that holds a value, latest first; filter by kind (month, financial_quarter, …).")
            .Produces<IReadOnlyList<PeriodRecord>>();
        org.MapGet("/values", ListValues).WithName("ListValues")
            .WithSummary("Values and targets").WithDescription("What is recorded per item and period, as the values table. Filter by ref, committee, priority, period kind and a period range (from, to); a page at a time.")
            .Produces<Page<ValueRecord>>();
        org.MapPost("/values", WriteValues).WithName("WriteValues")
            .WithSummary("Write values, targets and commentary")
            .WithDescription("Rows of the values table. All or nothing: if any row is bad nothing is stored and every problem is listed. dry_run=true checks and counts without storing. Needs a token with the write scope.")
            .Accepts<ValuesWrite>("application/json")
            .Produces<WriteResult>()
            .ProducesValidationProblem();
        org.MapGet("/evaluations", ListEvaluations).WithName("ListEvaluations")
            .WithSummary("Ratings and directions of travel").WithDescription("Each item's rating, direction of travel and reason for a period (default: the latest month with figures); filter by committee and priority.")
            .Produces<IReadOnlyList<EvaluationRecord>>();
        org.MapGet("/summaries", ListSummaries).WithName("ListSummaries")
            .WithSummary("Summaries by priority or committee").WithDescription("Met or on track %, improved %, and the distributions of ratings and directions, for the period and (years) the years before it.")
            .Produces<IReadOnlyList<SummaryRecord>>();
        org.MapGet("/publications", ListPublications).WithName("ListPublications")
            .WithSummary("Published committee periods").Produces<IReadOnlyList<PublicationRecord>>();
    }

    private static async Task<IResult> ListOrganisations(HttpContext http, OutturnDbContext db, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        return ApiResults.Json(http, orgs.Select(o => OrganisationOf(http, o)).ToList());
    }

    private static async Task<IResult> GetOrganisation(string org, HttpContext http, ApiAccess access, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        return problem ?? ApiResults.Json(http, OrganisationOf(http, caller!.Organisation));
    }

    private static OrganisationRecord OrganisationOf(HttpContext http, Data.Entities.Organisation o) =>
        new(Slug.Of(o.Name), o.Name, "April", o.AmberTolerance, o.BlueMargin, o.MissingRating, o.DirectionTolerance,
            PublicAddress.Of(http, $"/api/v1/organisations/{Slug.Of(o.Name)}"));

    private static async Task<IResult> GetFramework(string org, HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var id = caller!.Organisation.Id;
        var priorities = await db.Priorities.AsNoTracking().Where(p => p.OrganisationId == id).Include(p => p.Themes).OrderBy(p => p.SortOrder).ToListAsync(ct);
        var committees = await db.Committees.AsNoTracking().Where(c => c.OrganisationId == id).OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync(ct);
        return ApiResults.Json(http, new FrameworkRecord(
            [.. priorities.Select(p => new PriorityRecord(p.Name, [.. p.Themes.OrderBy(t => t.SortOrder).Select(t => t.Name)]))], committees));
    }

    private static IQueryable<Data.Entities.Item> ItemsOf(OutturnDbContext db, int organisationId, string? committee, string? priority, string? kind) =>
        db.Items.AsNoTracking()
            .Include(i => i.Theme).ThenInclude(t => t!.Priority)
            .Include(i => i.Committees).ThenInclude(c => c.Committee)
            .Where(i => i.OrganisationId == organisationId
                && (committee == null || i.Committees.Any(c => c.Committee!.Name == committee))
                && (priority == null || i.Theme!.Priority!.Name == priority))
            .Where(i => kind == null || (kind == "measure" ? i.Kind == ItemKind.Measure : i.Kind == ItemKind.Action))
            .AsSplitQuery();

    private static async Task<IResult> ListItems(string org, string? committee, string? priority, string? kind, int? limit, string? cursor,
        HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (kind is not null and not "measure" and not "action")
        {
            return ApiResults.Problem(400, "Bad kind", $"kind '{kind}' is not measure or action.");
        }

        if (Paging(limit, cursor) is not { } paging)
        {
            return ApiResults.Problem(400, "Bad paging", $"limit is 1 to {MaxLimit}; cursor is the next_cursor of the page before.");
        }

        var (take, offset) = paging;

        // Without the organisation's token or people, only items with published figures are listed.
        var published = caller!.SeesDrafts ? null : (await access.PublishedUntilAsync(caller.Organisation, ct)).Keys.ToList();
        var items = await ItemsOf(db, caller.Organisation.Id, committee, priority, kind)
            .Where(i => published == null || published.Contains(i.Id))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Skip((int)offset).Take(take + 1).ToListAsync(ct);
        var next = items.Count > take ? (offset + take).ToString(CultureInfo.InvariantCulture) : null;
        return ApiResults.Json(http, new Page<ItemRecord>([.. items.Take(take).Select(i => ItemRecord.Of(i, caller.SeesDrafts))], next, NextUrl(http, next)));
    }

    private static async Task<IResult> GetItem(string org, string @ref, HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var key = Data.Entities.Item.KeyOf(@ref);
        var item = await ItemsOf(db, caller!.Organisation.Id, null, null, null).SingleOrDefaultAsync(i => i.RefKey == key, ct);
        if (item is not null && !caller.SeesDrafts && !(await access.PublishedUntilAsync(caller.Organisation, ct)).ContainsKey(item.Id))
        {
            item = null;
        }

        return item is null
            ? ApiResults.Problem(404, "No such item", $"There is no measure or action '{@ref}' in {caller.Organisation.Name}.")
            : ApiResults.Json(http, ItemRecord.Of(item, caller.SeesDrafts));
    }

    private static async Task<IResult> ListPeriods(string org, string? kind, HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryKind(kind, out var wanted))
        {
            return ApiResults.Problem(400, "Bad period kind", $"kind '{kind}' is not {Codes.Expected<PeriodKind>()}.");
        }

        var id = caller!.Organisation.Id;
        var figures = db.Entries.AsNoTracking()
            .Where(e => e.ValueKind != null && (wanted == null || e.PeriodKind == (int)wanted) && db.Items.Any(i => i.Id == e.ItemId && i.OrganisationId == id));
        List<(int Kind, int Start, int End)> found;
        if (caller.SeesDrafts)
        {
            found = [.. (await figures.Select(e => new { e.PeriodKind, e.PeriodStart, e.PeriodEnd }).Distinct().ToListAsync(ct))
                .Select(r => (r.PeriodKind, r.PeriodStart, r.PeriodEnd))];
        }
        else
        {
            var published = await access.PublishedUntilAsync(caller.Organisation, ct);
            var ids = published.Keys.ToList();
            found = [.. (await figures.Where(e => ids.Contains(e.ItemId)).Select(e => new { e.PeriodKind, e.PeriodStart, e.PeriodEnd, e.ItemId }).Distinct().ToListAsync(ct))
                .Where(r => r.PeriodEnd <= published[r.ItemId])
                .Select(r => (r.PeriodKind, r.PeriodStart, r.PeriodEnd)).Distinct()];
        }

        var periods = found
            .Select(r => Period.Containing((PeriodKind)r.Kind, (PeriodKind)r.Kind == PeriodKind.Rolling12Months ? r.End : r.Start))
            .OrderByDescending(p => p.EndMonth).ThenBy(p => p.Kind)
            .Select(PeriodRecord.Of).ToList();
        return ApiResults.Json(http, periods);
    }

    private static async Task<IResult> ListValues(string org, string? @ref, string? committee, string? priority, string? kind, string? from, string? to,
        int? limit, string? cursor, HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (Paging(limit, cursor) is not { } paging)
        {
            return ApiResults.Problem(400, "Bad paging", $"limit is 1 to {MaxLimit}; cursor is the next_cursor of the page before.");
        }

        var (take, after) = paging;

        if ((BadPeriod(from, "from") ?? BadPeriod(to, "to")) is { } bad)
        {
            return bad;
        }

        if (!TryKind(kind, out var wanted))
        {
            return ApiResults.Problem(400, "Bad period kind", $"kind '{kind}' is not {Codes.Expected<PeriodKind>()}.");
        }

        var refs = @ref?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Data.Entities.Item.KeyOf).ToList();
        var items = await db.Items.AsNoTracking()
            .Where(i => i.OrganisationId == caller!.Organisation.Id
                && (refs == null || refs.Contains(i.RefKey))
                && (committee == null || i.Committees.Any(c => c.Committee!.Name == committee))
                && (priority == null || i.Theme!.Priority!.Name == priority))
            .Select(i => new { i.Id, i.Ref }).ToDictionaryAsync(i => i.Id, i => i.Ref, ct);
        var published = caller!.SeesDrafts ? null : await access.PublishedUntilAsync(caller.Organisation, ct);
        var ids = items.Keys.Where(i => published is null || published.ContainsKey(i)).ToList();
        var fromMonth = from is null ? int.MinValue : Period.Parse(from).StartMonth;
        var toMonth = to is null ? int.MaxValue : Period.Parse(to).EndMonth;

        // Keyset paging on the entry's id: stable while figures are added, and as fast on the last page as the first.
        var page = new List<ValueRecord>(take);
        var last = after;
        var more = false;
        while (page.Count <= take)
        {
            var chunk = await db.Entries.AsNoTracking()
                .Where(e => ids.Contains(e.ItemId) && e.Id > last && e.PeriodEnd >= fromMonth && e.PeriodEnd <= toMonth && (wanted == null || e.PeriodKind == (int)wanted))
                .OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
            foreach (var e in chunk)
            {
                if (published is not null && e.PeriodEnd > published[e.ItemId])
                {
                    continue;
                }

                if (page.Count == take)
                {
                    more = true;
                    break;
                }

                page.Add(ValueRecord.Of(items[e.ItemId], e));
                last = e.Id;
            }

            if (more || chunk.Count <= take)
            {
                break;
            }

            last = chunk[^1].Id;
        }

        var next = more ? last.ToString(CultureInfo.InvariantCulture) : null;
        return ApiResults.Json(http, new Page<ValueRecord>(page, next, NextUrl(http, next)));
    }

    private static async Task<IResult> WriteValues(string org, bool? dry_run, HttpContext http, ApiAccess access, OutturnDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!caller!.CanWrite)
        {
            return caller.ByToken
                ? ApiResults.Problem(403, "Read-only token", "This token may read but not write: make a token with the write scope.")
                : ApiResults.Refused(http, caller, "Writing needs a token with the write scope, or a performance officer's or administrator's sign-in.");
        }

        if (!caller.ByToken && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ApiResults.Problem(400, "Anti-forgery token missing", "A write from the web app must carry its anti-forgery token in the RequestVerificationToken header.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return ApiResults.Problem(400, "Not JSON", $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}");
        }

        using (document)
        {
            var errors = new List<ImportError>();
            var tables = ValuesRequest.Read(document.RootElement, caller.Source, errors);
            try
            {
                var result = await new Importer(db, clock).ImportAsync(caller.Organisation.Name, tables, errors, caller.Who, apply: dry_run != true, ct: ct);
                return Results.Ok(new WriteResult(result.Applied, result.EntriesAdded, result.EntriesChanged, result.EntriesUnchanged, result.FieldChanges));
            }
            catch (ImportRejectedException ex)
            {
                return ApiResults.Invalid(ex.Errors);
            }
        }
    }

    private static async Task<IResult> ListEvaluations(string org, string? period, string? committee, string? priority,
        HttpContext http, ApiAccess access, EvaluationService evaluations, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (p, refused) = await PeriodForAsync(http, caller!, access, evaluations, period, committee, ct);
        if (refused is not null)
        {
            return refused;
        }

        var items = await evaluations.EvaluateAsync(caller!.Organisation, p, committee, ct);
        return ApiResults.Json(http, items.Where(i => priority is null || i.Priority == priority).Select(EvaluationRecord.Of).ToList());
    }

    private static async Task<IResult> ListSummaries(string org, string? period, string? by, string? committee, int? years,
        HttpContext http, ApiAccess access, EvaluationService evaluations, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!Enum.TryParse<SummaryGrouping>(by ?? "priority", true, out var grouping) || int.TryParse(by, out _))
        {
            return ApiResults.Problem(400, "Bad grouping", $"by '{by}' is not priority or committee.");
        }

        if (years is < 1 or > 5)
        {
            return ApiResults.Problem(400, "Bad years", "years is 1 to 5.");
        }

        var (p, refused) = await PeriodForAsync(http, caller!, access, evaluations, period, committee, ct);
        if (refused is not null)
        {
            return refused;
        }

        var summaries = await evaluations.SummariseAsync(caller!.Organisation, p, grouping, years: years ?? 1, committee: committee, ct: ct);
        // A published committee's items may be reported to other committees too: without the organisation's token or
        // people, no row is given for a committee other than the published one asked for.
        var shown = caller.SeesDrafts || grouping != SummaryGrouping.Committee ? summaries : summaries.Where(s => s.Group == committee || s.Group == EvaluationService.AllGroup);
        return ApiResults.Json(http, shown.Select(SummaryRecord.Of).ToList());
    }

    private static async Task<IResult> ListPublications(string org, HttpContext http, ApiAccess access, OutturnDbContext db, CancellationToken ct)
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        var list = await db.Publications.AsNoTracking().Where(p => p.OrganisationId == caller!.Organisation.Id)
            .OrderBy(p => p.Committee).ThenBy(p => p.PublishedAt).ToListAsync(ct);
        return ApiResults.Json(http, list.Select(p => new PublicationRecord(p.Committee, p.Period, DateTime.SpecifyKind(p.PublishedAt, DateTimeKind.Utc))).ToList());
    }

    /// <summary>The period asked about (default: the latest month with figures), and whether the caller may see it:
    /// without the organisation's own credentials, only a published committee's published period.</summary>
    private static async Task<(Period Period, IResult? Refused)> PeriodForAsync(HttpContext http, ApiCaller caller, ApiAccess access,
        EvaluationService evaluations, string? period, string? committee, CancellationToken ct)
    {
        Period p;
        if (period is null)
        {
            p = await evaluations.ReportingPeriodAsync(caller.Organisation, PeriodKind.Month, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }
        else if (!Period.TryParse(period, out p, out var error))
        {
            return (default, ApiResults.Problem(400, "Bad period", $"period '{period}': {error}"));
        }

        if (committee is not null && !(await evaluations.CommitteesAsync(caller.Organisation, ct)).Contains(committee))
        {
            return (p, ApiResults.Problem(404, "No such committee", $"There is no committee '{committee}' in {caller.Organisation.Name}."));
        }

        if (!caller.SeesDrafts && (committee is null || !await access.IsPublishedAsync(caller.Organisation, committee, p, ct)))
        {
            return (p, ApiResults.Refused(http, caller, $"{(committee is null ? "All committees" : committee)} for {p} is not published: only published committee periods are open without the organisation's token."));
        }

        return (p, null);
    }

    /// <summary>The period kind asked for (null: any), false when the words are not a period kind.</summary>
    private static bool TryKind(string? kind, out PeriodKind? wanted)
    {
        wanted = null;
        if (kind is null)
        {
            return true;
        }

        var ok = Codes.TryParse<PeriodKind>(kind, out var k);
        wanted = ok ? k : null;
        return ok;
    }

    private static IResult? BadPeriod(string? text, string name) =>
        text is null || Period.TryParse(text, out _, out _) ? null
            : ApiResults.Problem(400, "Bad period", $"{name} '{text}' is not {Period.ExpectedForms}.");

    private static (int Take, long After)? Paging(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return null;
        }

        long after = 0;
        if (cursor is not null && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return null;
        }

        return (limit ?? DefaultLimit, after);
    }

    private static string? NextUrl(HttpContext http, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var query = http.Request.Query.Where(q => q.Key != "cursor").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"cursor={cursor}");
        return PublicAddress.Of(http, $"{http.Request.Path}?{string.Join('&', query)}");
    }
}
