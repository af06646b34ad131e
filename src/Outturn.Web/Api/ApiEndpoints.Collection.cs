using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>The API's collection round: every figure due for a period, its owner, deadline and state.</summary>
public static partial class ApiEndpoints
{
    private static async Task<IResult> ListCollection(
        string org,
        string? period,
        string? state,
        HttpContext http,
        ApiAccess access,
        CollectionService collection,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        // Owners' email addresses and the round's states are for the organisation's tokens and the people who run
        // the round (the web app's Collection page), not for every signed-in person.
        if (!caller!.HasCredentials)
        {
            return ApiResults.Unauthorised(http, "The collection round needs the organisation's token or a sign-in.");
        }

        if (!caller.SeesDrafts || (!caller.ByToken && !http.User.Allows(Policies.ApproveFigures)))
        {
            return ApiResults.Problem(
                403,
                "Not allowed",
                "The collection round (owners, their email addresses and deadlines) is for the organisation's tokens "
                    + "and its performance officers."
            );
        }

        if (!Period.TryParse(period, out var p, out var error))
        {
            return ApiResults.Problem(400, "Bad period", $"period: {error}");
        }

        CollectionState? only = null;
        if (state is not null)
        {
            if (!Enum.TryParse<CollectionState>(state, true, out var s) || int.TryParse(state, out _))
            {
                return ApiResults.Problem(
                    400,
                    "Bad state",
                    $"state '{state}' is not one of due, entered, submitted, approved, returned, overdue."
                );
            }

            only = s;
        }

        var rows = await collection.DueAsync(caller.Organisation, p, ct);
        return ApiResults.Json(
            http,
            rows.Where(r => only is null || r.Standing.State == only).Select(CollectionItemRecord.Of).ToList()
        );
    }

    /// <summary>The steps the API takes, by the verb a caller writes.</summary>
    private static readonly Dictionary<string, CollectionStep> StepVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["submit"] = CollectionStep.Submitted,
        ["approve"] = CollectionStep.Approved,
        ["return"] = CollectionStep.Returned,
        ["reopen"] = CollectionStep.Reopened,
    };

    /// <summary>
    /// A step on one figure, as the web app's "Figures due" (submit) and "Collection" pages (approve, return, reopen)
    /// take it, with the same rules (<see cref="CollectionService.StepAsync"/>) and the same history. A write-scoped
    /// token acts for its maker, a performance officer or administrator; a signed-in owner may submit their own
    /// items' figures.
    /// </summary>
    private static async Task<IResult> TakeCollectionStep(
        string org,
        HttpContext http,
        ApiAccess access,
        Access rules,
        OutturnDbContext db,
        CollectionService collection,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!caller!.HasCredentials)
        {
            return ApiResults.Unauthorised(http, "A collection step needs a write-scoped token or a sign-in.");
        }

        if (caller.ByToken && !caller.CanWrite)
        {
            return ApiResults.Problem(
                403,
                "Read-only token",
                "This token may read but not write: make a token with the write scope."
            );
        }

        if (!caller.ByToken && (!caller.SeesDrafts || !http.User.Allows(Policies.EnterFigures)))
        {
            return ApiResults.Problem(
                403,
                "Not allowed",
                "Collection steps are for measure owners, performance officers and write-scoped tokens."
            );
        }

        if (!http.Request.HasJsonContentType())
        {
            return ApiResults.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Not JSON",
                $"The body is '{http.Request.ContentType ?? "without a type"}': send application/json, "
                    + """{"ref": "HO01", "period": "2018-03", "step": "submit"}."""
            );
        }

        if (!caller.ByToken && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ApiResults.Problem(
                400,
                "Anti-forgery token missing",
                "A step from the web app must carry its anti-forgery token in the RequestVerificationToken header."
            );
        }

        CollectionStepRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CollectionStepRequest>(
                http.Request.Body,
                ApiResults.SerializerOptions(http),
                ct
            );
        }
        catch (JsonException ex)
        {
            return ApiResults.Problem(
                400,
                "Not JSON",
                $"The request body is not the step expected (line {ex.LineNumber + 1}, byte "
                    + $"{ex.BytePositionInLine + 1}): {ex.Message}"
            );
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.Ref))
        {
            errors["ref"] = ["The item's ref is required, for example HO01."];
        }

        Period period = default;
        if (body?.Period is not { } periodText)
        {
            errors["period"] = [$"The period is required: {Period.ExpectedForms}."];
        }
        else if (!Period.TryParse(periodText, out period, out var periodError))
        {
            errors["period"] = [$"'{periodText}': {periodError}"];
        }

        var step = CollectionStep.Submitted;
        if (body?.Step is not { } verb || !StepVerbs.TryGetValue(verb.Trim(), out step))
        {
            errors["step"] = [$"'{body?.Step}' is not a step: submit, approve, return (with a reason) or reopen."];
        }

        if (body?.Reason is { Length: > CollectionService.MaxReasonLength })
        {
            errors["reason"] =
            [
                $"The reason has {body.Reason.Length:N0} characters: at most "
                    + $"{CollectionService.MaxReasonLength:N0}.",
            ];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Bad step", detail: "The step was not taken.");
        }

        var key = Item.KeyOf(body!.Ref!);
        var item = await db
            .Items.AsNoTracking()
            .SingleOrDefaultAsync(i => i.OrganisationId == caller.Organisation.Id && i.RefKey == key, ct);
        if (item is null)
        {
            return ApiResults.Problem(
                404,
                "No such item",
                $"There is no measure or action '{body.Ref}' in {caller.Organisation.Name}."
            );
        }

        if (period.Kind != item.Frequency.NativePeriodKind())
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["period"] =
                    [
                        $"{item.Ref} is {item.Frequency.ToString().ToLowerInvariant()}: its figures are for periods "
                            + $"such as {Period.Containing(item.Frequency.NativePeriodKind(), period.EndMonth)}, "
                            + $"not {period}.",
                    ],
                },
                title: "Bad step",
                detail: "The step was not taken."
            );
        }

        var allowed =
            caller.ByToken ? caller.CanWrite
            : step == CollectionStep.Submitted ? await rules.CanEnterAsync(http.User, caller.Organisation, item)
            : caller.SeesDrafts && http.User.Allows(Policies.ApproveFigures);
        if (!allowed)
        {
            return ApiResults.Problem(
                403,
                "Not allowed",
                step == CollectionStep.Submitted
                    ? $"Only {item.Ref}'s owner or a performance officer may submit its figures."
                    : "Approving, returning and reopening figures is for performance officers and write-scoped tokens."
            );
        }

        try
        {
            var row = await collection.StepAsync(
                caller.Organisation,
                item.Ref,
                period,
                step,
                caller.Who,
                body.Reason,
                ct
            );
            return ApiResults.Json(http, CollectionItemRecord.Of(row));
        }
        catch (OutturnException ex)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Step not taken", ex.Message);
        }
    }
}

/// <summary>A step on one figure of the collection round: <c>step</c> is submit, approve, return or reopen; returning
/// needs a reason, which the owner is told.</summary>
public sealed record CollectionStepRequest(string? Ref, string? Period, string? Step, string? Reason);

/// <summary>One figure due in a collection round.</summary>
public sealed record CollectionItemRecord(
    string Ref,
    string Title,
    string Kind,
    string Period,
    string? Owner,
    string? OwnerEmail,
    DateOnly DueDate,
    string State,
    int DaysOverdue,
    string Reason
)
{
    public static CollectionItemRecord Of(CollectionRow r) =>
        new(
            r.Item.Ref,
            r.Item.Title,
            Codes.Of(r.Item.Kind),
            r.Period.ToString(),
            r.Owner,
            r.OwnerEmail,
            r.Standing.Deadline,
            r.Standing.State.Code(),
            r.Standing.DaysOverdue,
            r.Latest is { Step: CollectionStep.Returned, Reason: { } why } ? why : r.Standing.Reason
        );
}
