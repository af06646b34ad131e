using Outturn.Data.Cycle;
using Outturn.Domain.Cycle;
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
}

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
            Domain.Framework.Codes.Of(r.Item.Kind),
            r.Period.ToString(),
            r.Owner,
            r.OwnerEmail,
            r.Standing.Deadline,
            r.Standing.State.Code(),
            r.Standing.DaysOverdue,
            r.Latest is { Step: CollectionStep.Returned, Reason: { } why } ? why : r.Standing.Reason
        );
}
