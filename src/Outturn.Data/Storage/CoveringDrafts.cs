using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>What a covering report's draft is saved with: the committee and meeting it is for, its title, the
/// layout printed as its appendix and the period.</summary>
public sealed record CoveringDraftKey(string Committee, DateOnly Meeting);

/// <summary>Covering reports' drafts, a version per save for each committee's meeting (earlier versions kept and
/// readable), each save in the audit trail.</summary>
public sealed class CoveringDrafts(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>Saves the draft as the next version, unless it is the same as the latest (then nothing is saved and
    /// the latest is returned).</summary>
    public async Task<CoveringReportDraft> SaveAsync(
        Organisation org,
        CoveringDraftKey key,
        string title,
        string? layout,
        string? period,
        string text,
        string user,
        CancellationToken ct = default
    )
    {
        var latest = await LatestAsync(org, key, ct);
        if (
            latest is not null
            && (latest.Title, latest.Layout, latest.Period, latest.Text) == (title, layout, period, text)
        )
        {
            return latest;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new CoveringReportDraft
        {
            OrganisationId = org.Id,
            Committee = key.Committee,
            Meeting = key.Meeting,
            Version = (latest?.Version ?? 0) + 1,
            Title = title,
            Layout = layout,
            Period = period,
            Text = text,
            SavedAt = now,
            SavedBy = user,
        };
        db.CoveringReportDrafts.Add(draft);
        AuditLog.Add(
            db,
            org.Id,
            now,
            user,
            AuditKinds.CoveringSaved,
            $"{(key.Committee.Length == 0 ? "All committees" : key.Committee)}, meeting of {key.Meeting:yyyy-MM-dd}",
            $"version {draft.Version}: {title}"
        );
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public Task<CoveringReportDraft?> LatestAsync(
        Organisation org,
        CoveringDraftKey key,
        CancellationToken ct = default
    ) => Drafts(org, key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);

    public Task<CoveringReportDraft?> VersionAsync(
        Organisation org,
        CoveringDraftKey key,
        int version,
        CancellationToken ct = default
    ) => Drafts(org, key).FirstOrDefaultAsync(d => d.Version == version, ct);

    /// <summary>One saved version of any of the organisation's papers.</summary>
    public Task<CoveringReportDraft?> ByIdAsync(Organisation org, long id, CancellationToken ct = default) =>
        db.CoveringReportDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.OrganisationId == org.Id && d.Id == id, ct);

    /// <summary>Every version of the draft, latest first.</summary>
    public async Task<IReadOnlyList<CoveringReportDraft>> HistoryAsync(
        Organisation org,
        CoveringDraftKey key,
        CancellationToken ct = default
    ) => await Drafts(org, key).OrderByDescending(d => d.Version).ToListAsync(ct);

    /// <summary>The organisation's papers: each committee's meeting with its latest version, latest meeting
    /// first.</summary>
    public async Task<IReadOnlyList<CoveringReportDraft>> PapersAsync(Organisation org, CancellationToken ct = default)
    {
        var all = await db.CoveringReportDrafts.AsNoTracking().Where(d => d.OrganisationId == org.Id).ToListAsync(ct);
        return
        [
            .. all.GroupBy(d => (d.Committee, d.Meeting))
                .Select(g => g.MaxBy(d => d.Version)!)
                .OrderByDescending(d => d.Meeting)
                .ThenBy(d => d.Committee, StringComparer.Ordinal),
        ];
    }

    private IQueryable<CoveringReportDraft> Drafts(Organisation org, CoveringDraftKey key) =>
        db
            .CoveringReportDrafts.AsNoTracking()
            .Where(d => d.OrganisationId == org.Id && d.Committee == key.Committee && d.Meeting == key.Meeting);
}
