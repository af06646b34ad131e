using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>The API's values: reading them, and writing them all or nothing.</summary>
public static partial class ApiEndpoints
{
    private static async Task<IResult> ListValues(
        string org,
        string? @ref,
        string? committee,
        string? priority,
        string? kind,
        string? from,
        string? to,
        int? limit,
        string? cursor,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (Paging(limit, cursor) is not { } paging)
        {
            return ApiResults.Problem(
                400,
                "Bad paging",
                $"limit is 1 to {MaxLimit}; cursor is the next_cursor of the page before."
            );
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

        var refs = @ref
            ?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Data.Entities.Item.KeyOf)
            .ToList();
        var items = await db
            .Items.AsNoTracking()
            .Where(i =>
                i.OrganisationId == caller!.Organisation.Id
                && (refs == null || refs.Contains(i.RefKey))
                && (committee == null || i.Committees.Any(c => c.Committee!.Name == committee))
                && (priority == null || i.Theme!.Priority!.Name == priority)
            )
            .Select(i => new { i.Id, i.Ref })
            .ToDictionaryAsync(i => i.Id, i => i.Ref, ct);
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
            var chunk = await db
                .Entries.AsNoTracking()
                .Where(e =>
                    ids.Contains(e.ItemId)
                    && e.Id > last
                    && e.PeriodEnd >= fromMonth
                    && e.PeriodEnd <= toMonth
                    && (wanted == null || e.PeriodKind == (int)wanted)
                )
                .OrderBy(e => e.Id)
                .Take(take + 1)
                .ToListAsync(ct);
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

    private static async Task<IResult> WriteValues(
        string org,
        bool? dry_run,
        HttpContext http,
        ApiAccess access,
        OutturnDbContext db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var (caller, problem) = await access.ResolveAsync(http, org, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!caller!.CanWrite)
        {
            return caller.ByToken
                ? ApiResults.Problem(
                    403,
                    "Read-only token",
                    "This token may read but not write: make a token with the write scope."
                )
                : ApiResults.Refused(
                    http,
                    caller,
                    "Writing needs a token with the write scope, or a performance officer's or administrator's sign-in."
                );
        }

        if (!http.Request.HasJsonContentType())
        {
            return ApiResults.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Not JSON",
                $"The body is '{http.Request.ContentType ?? "without a type"}': send application/json, {{\"values\": "
                    + $"[{{\"ref\": …, \"period\": …}}, …]}}."
            );
        }

        if (!caller.ByToken && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ApiResults.Problem(
                400,
                "Anti-forgery token missing",
                "A write from the web app must carry its anti-forgery token in the RequestVerificationToken header."
            );
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return ApiResults.Problem(
                400,
                "Not JSON",
                $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): "
                    + $"{ex.Message}"
            );
        }

        using (document)
        {
            var errors = new List<ImportError>();
            var tables = ValuesRequest.Read(document.RootElement, caller.Source, errors);
            try
            {
                var result = await new Importer(db, clock).ImportAsync(
                    caller.Organisation.Name,
                    tables,
                    errors,
                    caller.Who,
                    apply: dry_run != true,
                    ct: ct
                );
                return Results.Ok(
                    new WriteResult(
                        result.Applied,
                        result.EntriesAdded,
                        result.EntriesChanged,
                        result.EntriesUnchanged,
                        result.FieldChanges
                    )
                );
            }
            catch (ImportRejectedException ex)
            {
                return ApiResults.Invalid(ex.Errors);
            }
        }
    }
}
