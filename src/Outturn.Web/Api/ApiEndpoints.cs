using System.Globalization;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>
/// The JSON API, version 1, under <c>/api/v1</c> (docs/api.md). Reads take a bearer token, a browser's cookie, or
/// nothing (published figures only); writes take a write-scoped token and go through the importer, so they are
/// checked and kept in history as a file import is.
/// </summary>
public static partial class ApiEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .AllowAnonymous()
            .WithTags("Outturn API v1")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/organisations", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("Organisations")
            .WithDescription("Every organisation, with its settings and rating scheme.")
            .Produces<IReadOnlyList<OrganisationRecord>>();
        var org = api.MapGroup("/organisations/{org}");
        org.MapGet("", GetOrganisation)
            .WithName("GetOrganisation")
            .WithSummary("An organisation")
            .Produces<OrganisationRecord>();
        org.MapGet("/framework", GetFramework)
            .WithName("GetFramework")
            .WithSummary("Priorities, themes and committees")
            .Produces<FrameworkRecord>();
        org.MapGet("/items", ListItems)
            .WithName("ListItems")
            .WithSummary("Measures and actions")
            .WithDescription("Filter by committee, priority and kind (measure or action); a page at a time.")
            .Produces<Page<ItemRecord>>();
        org.MapGet("/items/{ref}", GetItem)
            .WithName("GetItem")
            .WithSummary("A measure or action")
            .Produces<ItemRecord>();
        org.MapGet("/periods", ListPeriods)
            .WithName("ListPeriods")
            .WithSummary("Periods with figures")
            .WithDescription(
                "Every period that holds a value, latest first; filter by kind (month, financial_quarter, …)."
            )
            .Produces<IReadOnlyList<PeriodRecord>>();
        org.MapGet("/values", ListValues)
            .WithName("ListValues")
            .WithSummary("Values and targets")
            .WithDescription(
                "What is recorded per item and period, as the values table. Filter by ref, committee, priority, "
                    + "period kind and a period range (from, to); a page at a time."
            )
            .Produces<Page<ValueRecord>>();
        org.MapPost("/values", WriteValues)
            .WithName("WriteValues")
            .WithSummary("Write values, targets and commentary")
            .WithDescription(
                "Rows of the values table. All or nothing: if any row is bad nothing is stored and every problem is "
                    + "listed. dry_run=true checks and counts without storing. Needs a token with the write scope."
            )
            // The body is described for the OpenAPI document only (JsonBody): declared with Accepts, routing itself
            // would refuse another content type before anyone's access was checked, with no word of what is expected.
            .WithMetadata(new JsonBody(typeof(ValuesWrite)))
            .Produces<WriteResult>()
            .ProducesValidationProblem();
        org.MapGet("/evaluations", ListEvaluations)
            .WithName("ListEvaluations")
            .WithSummary("Ratings and directions of travel")
            .WithDescription(
                "Each item's rating, direction of travel and reason for a period (default: the latest month with "
                    + "figures); filter by committee and priority."
            )
            .Produces<IReadOnlyList<EvaluationRecord>>();
        org.MapGet("/summaries", ListSummaries)
            .WithName("ListSummaries")
            .WithSummary("Summaries by priority or committee")
            .WithDescription(
                "Met or on track %, improved %, and the distributions of ratings and directions, for the period and "
                    + "(years) the years before it."
            )
            .Produces<IReadOnlyList<SummaryRecord>>();
        org.MapGet("/collection", ListCollection)
            .WithName("ListCollection")
            .WithSummary("The collection round for a period")
            .WithDescription(
                "Every figure due for the period (period is required): its owner and their email address, its "
                    + "deadline, state (due, entered, submitted, approved, returned, overdue) and days overdue; "
                    + "filter by state. For the organisation's own people and tokens."
            )
            .Produces<IReadOnlyList<CollectionItemRecord>>();
        org.MapPost("/collection/steps", TakeCollectionStep)
            .WithName("TakeCollectionStep")
            .WithSummary("Submit, approve, return or reopen a figure")
            .WithDescription(
                "A step in the collection round on one item's figure for one of its periods: submit (the item's "
                    + "owner or a performance officer), approve, return with a reason, or reopen (performance "
                    + "officers and write-scoped tokens). Answers the figure's standing after the step; 409 when its "
                    + "state does not allow the step, saying why."
            )
            .WithMetadata(new JsonBody(typeof(CollectionStepRequest)))
            .Produces<CollectionItemRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        org.MapGet("/comparisons", ListComparisons)
            .WithName("ListComparisons")
            .WithSummary("Comparisons with other councils")
            .WithDescription(
                "Each measure linked to a national metric compared with the comparator group (default: the "
                    + "organisation's), England and its region for a period (default: each measure's latest with "
                    + "national figures): rank, quartile, the group's average and median, variance and significance, "
                    + "as outturn compare. A suppressed figure (a small count) has no value or interval."
            )
            .Produces<IReadOnlyList<ComparisonRecord>>();
        org.MapGet("/publications", ListPublications)
            .WithName("ListPublications")
            .WithSummary("Published committee periods")
            .Produces<IReadOnlyList<PublicationRecord>>();
    }

    /// <summary>The period asked about (default: the latest month with figures), and whether the caller may see it:
    /// without the organisation's own credentials, only a published committee's published period.</summary>
    private static async Task<(Period Period, IResult? Refused)> PeriodForAsync(
        HttpContext http,
        ApiCaller caller,
        ApiAccess access,
        EvaluationService evaluations,
        string? period,
        string? committee,
        CancellationToken ct
    )
    {
        Period p;
        if (period is null)
        {
            p = await evaluations.ReportingPeriodAsync(
                caller.Organisation,
                PeriodKind.Month,
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                ct
            );
        }
        else if (!Period.TryParse(period, out p, out var error))
        {
            return (default, ApiResults.Problem(400, "Bad period", $"period '{period}': {error}"));
        }

        if (committee is not null && !(await evaluations.CommitteesAsync(caller.Organisation, ct)).Contains(committee))
        {
            return (
                p,
                ApiResults.Problem(
                    404,
                    "No such committee",
                    $"There is no committee '{committee}' in {caller.Organisation.Name}."
                )
            );
        }

        if (
            !caller.SeesDrafts
            && (committee is null || !await access.IsPublishedAsync(caller.Organisation, committee, p, ct))
        )
        {
            return (
                p,
                ApiResults.Refused(
                    http,
                    caller,
                    $"{(committee is null ? "All committees" : committee)} for {p} is not published: only published "
                        + $"committee periods are open without the organisation's token."
                )
            );
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
        text is null || Period.TryParse(text, out _, out _)
            ? null
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

        var query = http
            .Request.Query.Where(q => q.Key != "cursor")
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"cursor={cursor}");
        return PublicAddress.Of(http, $"{http.Request.Path}?{string.Join('&', query)}");
    }
}
