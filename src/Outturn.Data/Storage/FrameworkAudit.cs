using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>
/// Every change to what the framework is — measures and actions, priorities, themes, committees and which items are
/// reported to them, the organisation's rating scheme and settings — goes into the audit trail with the change that
/// makes it, whichever door it came through (an import, the web app's forms, the API, a CLI command): the context
/// records it as it saves (<see cref="OutturnDbContext.Actor"/> says who). Figures and targets keep their own
/// per-field history (<see cref="EntryChange"/>); an organisation's data version, which every write raises, is not a
/// change anyone made.
/// </summary>
public static class FrameworkAudit
{
    /// <summary>Adds an event for each framework entity the context is about to add, change or remove.</summary>
    public static void Record(OutturnDbContext db, DateTime at)
    {
        var changed = db
            .ChangeTracker.Entries()
            .Where(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Item or Priority or Theme or Committee or ItemCommittee or Organisation
            )
            .ToList();
        foreach (var entry in changed)
        {
            var (org, subject, detail) =
                entry.Entity is ItemCommittee link ? LinkOf(db, entry, link)
                : Identify(db, entry.Entity) is var (o, s, name) ? (o, s, Describe(entry, name))
                : (0, "", null);
            if (detail is not null && org != 0)
            {
                AuditLog.Add(db, org, at, db.Actor, AuditKinds.FrameworkChanged, subject, Clip(detail));
            }
        }
    }

    /// <summary>The event <see cref="Record"/> writes for an entity the context adds, for one inserted without it
    /// (<see cref="UntrackedInsert"/>): an item's event names its committees, whose links have none of their
    /// own.</summary>
    internal static AuditEvent Added(OutturnDbContext db, object entity, DateTime at) =>
        Identify(db, entity) is var (org, subject, name)
            ? AuditLog.Create(
                org,
                at,
                db.Actor,
                AuditKinds.FrameworkChanged,
                subject,
                Clip(Describe(EntityState.Added, null, name)!)
            )
            : throw new ArgumentException($"A {entity.GetType().Name} is not audited as added.", nameof(entity));

    /// <summary>What the audit trail calls an item: "measure PM01", "action A1".</summary>
    internal static string SubjectOf(Item item) => $"{Words(item.Kind.ToString())} {item.Ref}";

    /// <summary>The organisation a framework entity belongs to, what the trail calls it, and what names it in an
    /// event.</summary>
    private static (int Organisation, string Subject, object Name)? Identify(OutturnDbContext db, object entity) =>
        entity switch
        {
            Item item => (item.OrganisationId, SubjectOf(item), item),
            Committee c => (c.OrganisationId, $"committee {c.Name}", c.Name),
            Priority p => (p.OrganisationId, $"priority {p.Name}", p.Name),
            Theme t => (OrganisationOf(db, t), $"theme {t.Name}", t.Name),
            Organisation o => (o.Id, "scheme and settings", o.Name),
            _ => null,
        };

    /// <summary>What happened to one entity, or null when nothing anyone changed did (only the data version, or a
    /// link of an item that is itself new).</summary>
    private static string? Describe(EntityEntry entry, object name) => Describe(entry.State, entry, name);

    private static string? Describe(EntityState state, EntityEntry? entry, object name) =>
        state switch
        {
            EntityState.Added => $"added: {Name(name)}",
            EntityState.Deleted => $"removed: {Name(name)}",
            _ => Changes(entry!) is { Length: > 0 } changes ? changes : null,
        };

    private static string Name(object entity) =>
        entity switch
        {
            Item item => item.Title
                + (
                    item.Committees.Count > 0
                        ? "; reported to " + string.Join(", ", item.Committees.Select(c => c.Committee?.Name ?? "?"))
                        : ""
                ),
            _ => entity.ToString() ?? "",
        };

    /// <summary>"title: 'Old' → 'New'; polarity: higher is better → lower is better", over the properties changed
    /// (keys, the reference's lookup key and the data version left out).</summary>
    private static string Changes(EntityEntry entry)
    {
        var text = new StringBuilder();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (
                !p.IsModified
                || p.Metadata.IsKey()
                || (p.Metadata.IsForeignKey() && name != nameof(Item.ThemeId))
                || name
                    is nameof(Item.RefKey)
                        or nameof(Organisation.DataVersion)
                        or nameof(Organisation.VisitorVersion)
                || Equals(p.OriginalValue, p.CurrentValue)
            )
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{Words(name)}: ")
                .Append(CultureInfo.InvariantCulture, $"{Show(p.OriginalValue)} → {Show(p.CurrentValue)}");
        }

        return text.ToString();
    }

    private static (int, string, string?) LinkOf(OutturnDbContext db, EntityEntry entry, ItemCommittee link)
    {
        var item = link.Item ?? db.Items.Local.FirstOrDefault(i => i.Id == link.ItemId) ?? db.Items.Find(link.ItemId);
        if (item is null || db.Entry(item).State == EntityState.Added)
        {
            // A new item's committees are in its own "added" event.
            return (0, "", null);
        }

        var committee =
            link.Committee
            ?? db.Committees.Local.FirstOrDefault(c => c.Id == link.CommitteeId)
            ?? db.Committees.Find(link.CommitteeId);
        var name = committee?.Name ?? link.CommitteeId.ToString(CultureInfo.InvariantCulture);
        var what = entry.State switch
        {
            EntityState.Added => $"now reported to {name}",
            EntityState.Deleted => $"no longer reported to {name}",
            _ => null,
        };
        return (item.OrganisationId, SubjectOf(item), what);
    }

    private static int OrganisationOf(OutturnDbContext db, Theme theme) =>
        (
            theme.Priority
            ?? db.Priorities.Local.FirstOrDefault(p => p.Id == theme.PriorityId)
            ?? db.Priorities.Find(theme.PriorityId)
        )?.OrganisationId
        ?? 0;

    private static string Show(object? value) =>
        value switch
        {
            null => "(none)",
            string s => $"'{s}'",
            Enum e => Words(e.ToString()),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    /// <summary>"AmberTolerance" → "amber tolerance".</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static string Clip(string detail) =>
        detail.Length <= AuditLog.MaxDetail
            ? detail
            : Domain.Values.TextClip.Clip(detail, AuditLog.MaxDetail - 1) + "…";
}
