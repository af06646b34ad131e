using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Web.Api;

/// <summary>The API's items (measures and actions) and the periods they have figures for.</summary>
public static partial class ApiEndpoints
{
    private static IQueryable<Data.Entities.Item> ItemsOf(
        OutturnDbContext db,
        int organisationId,
        string? committee,
        string? priority,
        string? kind
    ) =>
        db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i =>
                i.OrganisationId == organisationId
                && (committee == null || i.Committees.Any(c => c.Committee!.Name == committee))
                && (priority == null || i.Theme!.Priority!.Name == priority)
            )
            .Where(i => kind == null || (kind == "measure" ? i.Kind == ItemKind.Measure : i.Kind == ItemKind.Action))
            .AsSplitQuery();

    private static async Task<IResult> ListItems(
        string org,
        string? committee,
        string? priority,
        string? kind,
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

        if (kind is not null and not "measure" and not "action")
        {
            return ApiResults.Problem(400, "Bad kind", $"kind '{kind}' is not measure or action.");
        }

        if (Paging(limit, cursor) is not { } paging)
        {
            return ApiResults.Problem(
                400,
                "Bad paging",
                $"limit is 1 to {MaxLimit}; cursor is the next_cursor of the page before."
            );
        }

        var (take, offset) = paging;

        // Without the organisation's token or people, only items with published figures are listed.
        var published = caller!.SeesDrafts
            ? null
            : (await access.PublishedUntilAsync(caller.Organisation, ct)).Keys.ToList();
        var items = await ItemsOf(db, caller.Organisation.Id, committee, priority, kind)
            .Where(i => published == null || published.Contains(i.Id))
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .Skip((int)offset)
            .Take(take + 1)
            .ToListAsync(ct);
        var next = items.Count > take ? (offset + take).ToString(CultureInfo.InvariantCulture) : null;
        return ApiResults.Json(
            http,
            new Page<ItemRecord>(
                [.. items.Take(take).Select(i => ItemRecord.Of(i, caller.SeesDrafts))],
                next,
                NextUrl(http, next)
            )
        );
    }

    private static async Task<IResult> GetItem(
        string org,
        string @ref,
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

        var key = Data.Entities.Item.KeyOf(@ref);
        var item = await ItemsOf(db, caller!.Organisation.Id, null, null, null)
            .SingleOrDefaultAsync(i => i.RefKey == key, ct);
        if (
            item is not null
            && !caller.SeesDrafts
            && !(await access.PublishedUntilAsync(caller.Organisation, ct)).ContainsKey(item.Id)
        )
        {
            item = null;
        }

        return item is null
            ? ApiResults.Problem(
                404,
                "No such item",
                $"There is no measure or action '{@ref}' in {caller.Organisation.Name}."
            )
            : ApiResults.Json(http, ItemRecord.Of(item, caller.SeesDrafts));
    }

    private static async Task<IResult> ListPeriods(
        string org,
        string? kind,
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

        if (!TryKind(kind, out var wanted))
        {
            return ApiResults.Problem(400, "Bad period kind", $"kind '{kind}' is not {Codes.Expected<PeriodKind>()}.");
        }

        var id = caller!.Organisation.Id;
        var figures = db
            .Entries.AsNoTracking()
            .Where(e =>
                e.ValueKind != null
                && (wanted == null || e.PeriodKind == (int)wanted)
                && db.Items.Any(i => i.Id == e.ItemId && i.OrganisationId == id)
            );
        List<(int Kind, int Start, int End)> found;
        if (caller.SeesDrafts)
        {
            found =
            [
                .. (
                    await figures
                        .Select(e => new
                        {
                            e.PeriodKind,
                            e.PeriodStart,
                            e.PeriodEnd,
                        })
                        .Distinct()
                        .ToListAsync(ct)
                ).Select(r => (r.PeriodKind, r.PeriodStart, r.PeriodEnd)),
            ];
        }
        else
        {
            var published = await access.PublishedUntilAsync(caller.Organisation, ct);
            var ids = published.Keys.ToList();
            var stored = await figures
                .Where(e => ids.Contains(e.ItemId))
                .Select(e => new
                {
                    e.PeriodKind,
                    e.PeriodStart,
                    e.PeriodEnd,
                    e.ItemId,
                })
                .Distinct()
                .ToListAsync(ct);
            found =
            [
                .. stored
                    .Where(r => r.PeriodEnd <= published[r.ItemId])
                    .Select(r => (r.PeriodKind, r.PeriodStart, r.PeriodEnd))
                    .Distinct(),
            ];
        }

        var periods = found
            .Select(r => Period.FromMonths((PeriodKind)r.Kind, r.Start, r.End))
            .OrderByDescending(p => p.EndMonth)
            .ThenBy(p => p.Kind)
            .Select(PeriodRecord.Of)
            .ToList();
        return ApiResults.Json(http, periods);
    }
}
