using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Data.Cycle;

/// <summary>A measure's row of a year's targets.</summary>
public sealed record TargetRow(Item Item, IReadOnlyList<TargetCell> Cells);

/// <summary>One target as a person typed it in the grid.</summary>
public sealed record TargetInput(string Ref, string Period, string? Target);

/// <summary>A target an owner has proposed and no officer has yet decided.</summary>
public sealed record PendingProposal(string? Target, string By, DateTime At);

/// <summary>
/// A year's targets in one grid (<see cref="TargetGrid"/>): every measure of the organisation, or of one committee,
/// with its stored targets and last year's carried forward; saved all or nothing through the importer, so each
/// change is checked as a file's target is, kept in history, and a locked month's target needs a reason.
/// </summary>
public sealed class TargetGridService(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>Where the grid's rows come from, as the history and errors name it.</summary>
    public const string Source = "the targets grid";

    public async Task<IReadOnlyList<TargetRow>> ReadAsync(
        Organisation org,
        string? committee,
        int startYear,
        CancellationToken ct = default
    )
    {
        var items = await db
            .Items.AsNoTracking()
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i => i.OrganisationId == org.Id && i.Kind == ItemKind.Measure)
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        if (committee is not null)
        {
            items = [.. items.Where(i => i.Committees.Any(c => c.Committee!.Name == committee))];
        }

        // From last April (a year earlier's periods are carried forward) to the end of the academic year.
        var (from, to) = (MonthIndex.Of(startYear - 1, 4), MonthIndex.Of(startYear + 1, 8));
        var ids = items.Select(i => i.Id).ToList();
        var entries = await db
            .Entries.AsNoTracking()
            .Where(e => ids.Contains(e.ItemId) && e.PeriodEnd >= from && e.PeriodStart <= to)
            .ToListAsync(ct);
        var targets = entries
            .Where(e => EntryFields.DescribeTarget(e) is not null)
            .GroupBy(e => e.ItemId)
            .ToDictionary(
                g => g.Key,
                g =>
                    (IReadOnlyDictionary<Period, string>)
                        g.ToDictionary(e => Period.Parse(e.Period), e => EntryFields.DescribeTarget(e)!)
            );
        return
        [
            .. items.Select(i => new TargetRow(
                i,
                TargetGrid.Row(
                    i.Frequency,
                    startYear,
                    targets.GetValueOrDefault(i.Id) ?? new Dictionary<Period, string>()
                )
            )),
        ];
    }

    /// <summary>Saves every target of the grid at once, or none: <paramref name="inputs"/> in the grid's order, a
    /// blank one clearing a stored target. Throws <see cref="Interchange.ImportRejectedException"/> listing every
    /// problem, each naming its input's place (row <c>index + 2</c>, as in a file).</summary>
    public async Task<ImportResult> SaveAsync(
        Organisation org,
        IReadOnlyList<TargetInput> inputs,
        string user,
        string? reason,
        CancellationToken ct = default
    )
    {
        var table = new RawTable(
            Source,
            TableKind.Values,
            ["ref", "period", "target"],
            inputs.Select((c, i) => new RawRow(i + 2, [c.Ref, c.Period, c.Target?.Trim()]))
        );
        var result = await new Importer(db, clock) { CorrectionReason = reason }.ImportAsync(
            org.Name,
            [table],
            new List<ImportError>(),
            user,
            ct: ct
        );
        await DecideAsync(org, inputs, user, ct);
        return result;
    }

    /// <summary>The proposals no officer has decided yet, by item and period.</summary>
    public async Task<IReadOnlyDictionary<(int ItemId, Period Period), PendingProposal>> PendingAsync(
        Organisation org,
        CancellationToken ct = default
    ) =>
        (
            await db
                .TargetProposals.AsNoTracking()
                .Where(p => p.OrganisationId == org.Id && p.Outcome == null)
                .OrderBy(p => p.Id)
                .ToListAsync(ct)
        )
            .GroupBy(p => (p.ItemId, Period.Parse(p.Period)))
            .ToDictionary(
                g => g.Key,
                g => g.Select(p => new PendingProposal(p.Target, p.ProposedBy, p.ProposedAt)).Last()
            );

    /// <summary>
    /// An owner proposes targets for their own measures (<paramref name="rows"/>, as they were shown): each input that
    /// differs from what the grid showed (a pending proposal, else the stored or carried-forward target) becomes a
    /// proposal, replacing any earlier one for that period. All or nothing: a target that is not one is refused,
    /// naming its place. Returns how many were proposed.
    /// </summary>
    public async Task<int> ProposeAsync(
        Organisation org,
        IReadOnlyList<TargetRow> rows,
        IReadOnlyList<TargetInput> inputs,
        string user,
        CancellationToken ct = default
    )
    {
        var cells = rows.SelectMany(r => r.Cells.Select(c => (r.Item, Cell: c)))
            .ToDictionary(x => (Item.KeyOf(x.Item.Ref), x.Cell.Period.ToString()));
        var pending = await PendingAsync(org, ct);
        var errors = new List<ImportError>();
        var proposed = new List<(Item Item, Period Period, string? Target)>();
        foreach (var (input, index) in inputs.Select((input, index) => (input, index)))
        {
            var target = string.IsNullOrWhiteSpace(input.Target) ? null : input.Target.Trim();
            if (!cells.TryGetValue((Item.KeyOf(input.Ref), input.Period), out var at))
            {
                errors.Add(new ImportError(Source, index + 2, "ref", input.Ref, "one of your own measures' periods"));
                continue;
            }

            if (
                target is not null
                && !OutturnText.TrySetTarget(target, new Entry { Period = input.Period, UpdatedBy = "" }, at.Item.Unit)
            )
            {
                errors.Add(new ImportError(Source, index + 2, "target", target, OutturnText.ExpectedTarget));
                continue;
            }

            var shown = pending.TryGetValue((at.Item.Id, at.Cell.Period), out var p) ? p.Target : at.Cell.Starting;
            if (!string.Equals(shown, target, StringComparison.Ordinal))
            {
                proposed.Add((at.Item, at.Cell.Period, target));
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (item, period, target) in proposed)
        {
            var text = period.ToString();
            foreach (
                var earlier in await db
                    .TargetProposals.Where(x => x.ItemId == item.Id && x.Period == text && x.Outcome == null)
                    .ToListAsync(ct)
            )
            {
                (earlier.Outcome, earlier.DecidedBy, earlier.DecidedAt) = ("replaced", user, now);
            }

            db.TargetProposals.Add(
                new TargetProposal
                {
                    OrganisationId = org.Id,
                    ItemId = item.Id,
                    Period = text,
                    Target = target,
                    ProposedBy = user,
                    ProposedAt = now,
                }
            );
        }

        await db.SaveChangesAsync(ct);
        return proposed.Count;
    }

    /// <summary>Marks the pending proposals for the saved periods decided: accepted where the target saved is the one
    /// proposed, changed otherwise.</summary>
    private async Task DecideAsync(
        Organisation org,
        IReadOnlyList<TargetInput> inputs,
        string user,
        CancellationToken ct
    )
    {
        var open = await db.TargetProposals.Where(p => p.OrganisationId == org.Id && p.Outcome == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            return;
        }

        var refs = await db
            .Items.Where(i => i.OrganisationId == org.Id)
            .Select(i => new { i.Id, i.RefKey })
            .ToDictionaryAsync(i => i.Id, i => i.RefKey, ct);
        var saved = inputs
            .GroupBy(i => (Item.KeyOf(i.Ref), i.Period))
            .ToDictionary(g => g.Key, g => string.IsNullOrWhiteSpace(g.Last().Target) ? null : g.Last().Target!.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var proposal in open)
        {
            if (
                refs.TryGetValue(proposal.ItemId, out var key)
                && saved.TryGetValue((key, proposal.Period), out var target)
            )
            {
                proposal.Outcome = string.Equals(target, proposal.Target, StringComparison.Ordinal)
                    ? "accepted"
                    : "changed";
                (proposal.DecidedBy, proposal.DecidedAt) = (user, now);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
