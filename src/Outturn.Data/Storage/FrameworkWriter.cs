using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Framework;

namespace Outturn.Data.Storage;

/// <summary>Creates and updates an organisation's priorities, themes, committees and items from measures rows.
/// A column the file lacks leaves the stored field as it is.</summary>
/// <remarks>What is there already is changed through the change tracker, which audits each change as it saves. New
/// items, a first import's thousand measures, are inserted without it (<see cref="UntrackedInsert"/>) with their
/// committees' links and the same "added" events, and so is everything of an organisation the import creates: in a
/// command's fresh process, tracking them cost about a second.</remarks>
internal sealed class FrameworkWriter(OutturnDbContext db, Organisation org)
{
    /// <summary>The organisation was created by this import: it has nothing stored to read, and nothing of its
    /// framework goes through the change tracker.</summary>
    public bool OrganisationIsNew { get; init; }

    /// <summary>New priorities, themes and committees, inserted by <see cref="InsertAsync"/> when the organisation
    /// is new (otherwise the change tracker holds them).</summary>
    private readonly List<Priority> _priorities = [];

    private readonly List<Theme> _themes = [];
    private readonly List<Committee> _committees = [];

    /// <summary>The themes given a note by a row of this import.</summary>
    private readonly HashSet<Theme> _noted = [];

    /// <summary>What the rows changed, every item of the organisation as it now stands (with its id), and the ids of
    /// the items that were there before.</summary>
    /// <summary>What was written: <paramref name="Changed"/> when anything was added or changed (a priority, theme or
    /// committee as well as an item).</summary>
    public sealed record Result(
        int Added,
        int Updated,
        IReadOnlyCollection<Item> Items,
        IReadOnlySet<int> StoredIds,
        bool Changed
    );

    public async Task<Result> ApplyAsync(IReadOnlyList<MeasureRow> rows, CancellationToken ct)
    {
        if (OrganisationIsNew && rows.Count == 0)
        {
            return new Result(0, 0, [], new HashSet<int>(), Changed: false);
        }

        if (rows.Count == 0)
        {
            var stored = await db.Items.AsNoTracking().Where(i => i.OrganisationId == org.Id).ToListAsync(ct);
            return new Result(0, 0, stored, stored.Select(i => i.Id).ToHashSet(), Changed: false);
        }

        var priorities = OrganisationIsNew
            ? new Dictionary<string, Priority>(StringComparer.OrdinalIgnoreCase)
            : await db
                .Priorities.Include(p => p.Themes)
                .Where(p => p.OrganisationId == org.Id)
                .ToDictionaryAsync(p => p.Name, StringComparer.OrdinalIgnoreCase, ct);
        var committees = OrganisationIsNew
            ? new Dictionary<string, Committee>(StringComparer.OrdinalIgnoreCase)
            : await db
                .Committees.Where(c => c.OrganisationId == org.Id)
                .ToDictionaryAsync(c => c.Name, StringComparer.OrdinalIgnoreCase, ct);
        var items = OrganisationIsNew
            ? []
            : await db
                .Items.Include(i => i.Committees)
                .Where(i => i.OrganisationId == org.Id)
                .ToDictionaryAsync(i => i.RefKey, ct);
        var fresh = new List<Item>();
        var storedIds = items.Values.Select(i => i.Id).ToHashSet();
        var nextSort = items.Count == 0 ? 0 : items.Values.Max(i => i.SortOrder) + 1;
        int added = 0,
            updated = 0;

        foreach (var row in rows)
        {
            var key = Item.KeyOf(row.Ref);
            var isNew = !items.TryGetValue(key, out var item);
            if (item is null)
            {
                var kind = row.Kind ?? ItemKind.Measure;
                var unit = row.Unit ?? Unit.Count;
                item = new Item
                {
                    OrganisationId = org.Id,
                    Ref = row.Ref,
                    RefKey = key,
                    Title = row.Title,
                    Kind = kind,
                    Unit = unit,
                    Polarity = kind == ItemKind.Action ? Polarity.None : Polarity.HigherIsBetter,
                    Frequency = Frequency.Monthly,
                    Aggregation = Aggregation.Snapshot,
                    SortOrder = nextSort++,
                };
                fresh.Add(item);
                items[key] = item;
            }

            var committeesBefore = item.Committees.Select(c => c.CommitteeId).Order().ToList();
            Apply(row, item, priorities, committees);
            if (isNew)
            {
                added++;
            }
            else
            {
                // This item's changes only: the whole tracker's, row after row, made re-importing a framework of a
                // thousand measures take seconds (every row compared every tracked entity).
                var tracked = db.Entry(item);
                tracked.DetectChanges();
                if (
                    tracked.State == EntityState.Modified
                    || item.Committees.Count != committeesBefore.Count
                    || item.Committees.Any(c => c.CommitteeId == 0 || !committeesBefore.Contains(c.CommitteeId))
                )
                {
                    updated++;
                }
            }
        }

        if (!OrganisationIsNew)
        {
            // The new priorities, themes and committees get their ids here, before the new items that refer to them.
            await db.SaveChangesAsync(ct);
        }

        await InsertAsync(fresh, ct);
        var changed = added + updated + _priorities.Count + _themes.Count + _committees.Count > 0;
        return new Result(added, updated, items.Values, storedIds, changed);
    }

    private async Task InsertAsync(List<Item> fresh, CancellationToken ct)
    {
        await UntrackedInsert.InsertAsync(db, _priorities, ct);
        foreach (var theme in _themes)
        {
            theme.PriorityId = theme.Priority!.Id;
        }

        await UntrackedInsert.InsertAsync(db, _themes, ct);
        await UntrackedInsert.InsertAsync(db, _committees, ct);
        foreach (var item in fresh)
        {
            item.ThemeId = item.Theme?.Id;
        }

        await UntrackedInsert.InsertAsync(db, fresh, ct);
        var links = new List<ItemCommittee>();
        foreach (var item in fresh)
        {
            foreach (var link in item.Committees)
            {
                (link.ItemId, link.CommitteeId) = (item.Id, link.Committee!.Id);
                links.Add(link);
            }
        }

        await UntrackedInsert.InsertAsync(db, links, ct);
        var at = db.Clock.GetUtcNow().UtcDateTime;
        IEnumerable<object> added = [.. _priorities, .. _themes, .. _committees, .. fresh];
        await UntrackedInsert.InsertAsync(db, [.. added.Select(e => FrameworkAudit.Added(db, e, at))], ct);
    }

    private void Apply(
        MeasureRow row,
        Item item,
        Dictionary<string, Priority> priorities,
        Dictionary<string, Committee> committees
    )
    {
        bool Has(string column) => row.Present.Contains(column);
        item.Ref = row.Ref;
        item.Title = row.Title;
        if (Has("kind"))
            item.Kind = row.Kind ?? ItemKind.Measure;
        if (Has("unit"))
            item.Unit = row.Unit ?? Unit.Count;
        if (Has("unit_label"))
            item.UnitLabel = row.UnitLabel;
        if (Has("target_profile"))
            item.TargetProfile = row.TargetProfile is { IsLinear: false } profile ? profile.ToString() : null;
        if (Has("rate_per"))
            item.RatePer = row.RatePer;
        if (Has("decimals"))
            item.Decimals = row.Decimals;
        if (Has("polarity") && row.Polarity is { } polarity)
            item.Polarity = polarity;
        if (Has("frequency") && row.Frequency is { } frequency)
            item.Frequency = frequency;
        if (Has("aggregation") && row.Aggregation is { } aggregation)
            item.Aggregation = aggregation;
        if (Has("owner"))
            item.Owner = row.Owner;
        if (Has("deadline"))
            item.Deadline = row.Deadline?.ToString();
        if (Has("benchmark_metric"))
            item.BenchmarkMetric = row.BenchmarkMetric;
        if (Has("description"))
            item.Description = row.Description;
        if (Has("tags"))
            item.Tags = row.Tags;
        if (Has("amber_tolerance"))
            item.AmberTolerance = row.AmberTolerance?.ToString();
        if (Has("blue_margin"))
            item.BlueMargin = row.BlueMargin?.ToString();
        if (Has("direction_style"))
            item.DirectionStyle = row.DirectionStyle is { } style ? Codes.Of(style) : null;
        if (Has("direction_method"))
            item.DirectionMethod = row.DirectionMethod is { } method ? Codes.Of(method) : null;
        if (Has("spc_fix_after"))
            item.SpcFixAfter = row.SpcFixAfter;
        if (Has("spc_screen"))
            item.SpcScreenOutliers = row.SpcScreen ?? false;
        if (Has("rate_by_significance"))
            item.RateBySignificance = row.RateBySignificance is { } against ? Codes.Of(against) : null;
        if (Has("footnote"))
            item.Footnote = row.Footnote;
        if (Has("priority") || Has("theme"))
        {
            item.Theme = row.Priority is null ? null : ThemeFor(row.Priority, row.Theme ?? row.Priority, priorities);
            if (item.Theme is null)
            {
                item.ThemeId = null;
            }
            else if (Has("theme_note"))
            {
                // With the column, a theme's note is what its rows give: one row's note (all that give one agree),
                // or none when none does.
                if (row.ThemeNote is not null)
                {
                    item.Theme.Note = row.ThemeNote;
                    _noted.Add(item.Theme);
                }
                else if (!_noted.Contains(item.Theme))
                {
                    item.Theme.Note = null;
                }
            }
        }

        if (Has("committees"))
        {
            var wanted = (row.Committees ?? []).Select(n => CommitteeFor(n, committees)).ToList();
            item.Committees.RemoveAll(ic =>
                !wanted.Exists(c => ReferenceEquals(c, ic.Committee) || (c.Id != 0 && c.Id == ic.CommitteeId))
            );
            foreach (
                var committee in wanted.Where(c =>
                    !item.Committees.Exists(ic =>
                        ReferenceEquals(ic.Committee, c) || (c.Id != 0 && ic.CommitteeId == c.Id)
                    )
                )
            )
            {
                item.Committees.Add(new ItemCommittee { Item = item, Committee = committee });
            }
        }
    }

    private Theme ThemeFor(string priorityName, string themeName, Dictionary<string, Priority> priorities)
    {
        if (!priorities.TryGetValue(priorityName, out var priority))
        {
            priority = new Priority
            {
                OrganisationId = org.Id,
                Name = priorityName,
                SortOrder = priorities.Count,
            };
            if (OrganisationIsNew)
            {
                _priorities.Add(priority);
            }
            else
            {
                db.Priorities.Add(priority);
            }

            priorities[priorityName] = priority;
        }

        var theme = priority.Themes.Find(t => t.Name.Equals(themeName, StringComparison.OrdinalIgnoreCase));
        if (theme is null)
        {
            theme = new Theme
            {
                Name = themeName,
                Priority = priority,
                SortOrder = priority.Themes.Count,
            };
            priority.Themes.Add(theme);
            if (OrganisationIsNew)
            {
                _themes.Add(theme);
            }
        }

        return theme;
    }

    private Committee CommitteeFor(string name, Dictionary<string, Committee> committees)
    {
        if (!committees.TryGetValue(name, out var committee))
        {
            committee = new Committee
            {
                OrganisationId = org.Id,
                Name = name,
                SortOrder = committees.Count,
            };
            if (OrganisationIsNew)
            {
                _committees.Add(committee);
            }
            else
            {
                db.Committees.Add(committee);
            }

            committees[name] = committee;
        }

        return committee;
    }
}
