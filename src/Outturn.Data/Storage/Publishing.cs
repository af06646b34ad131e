using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>A covering report published with a committee's dashboard: the saved version it was built from, and the
/// paper as built then (a report document as JSON).</summary>
public sealed record PublishedCovering(long DraftId, string Snapshot);

/// <summary>Writes publications: a committee's period published, corrected (a new version, the earlier kept) or
/// withdrawn, each with its audit event in the same save. Each raises the organisation's data version in the same
/// transaction, since what visitors may see has changed (<see cref="DataVersion"/>). The web app's publish step and
/// the demo both write through here.</summary>
public sealed class Publishing(OutturnDbContext db)
{
    /// <summary>Publishes a committee's period. A period that has not ended cannot be published: what is public is
    /// every figure up to the last published month, so publishing a future month would open figures nobody chose
    /// to.</summary>
    public async Task PublishAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        CancellationToken ct,
        string? snapshot = null,
        PublishedCovering? covering = null
    )
    {
        if (!Domain.Periods.Period.TryParse(period, out var parsed) || !parsed.HasEndedBy(DateOnly.FromDateTime(when)))
        {
            throw new OutturnException($"{period} has not ended yet: a period can be published once it is over.");
        }

        if (
            await db
                .Publications.AsNoTracking()
                .SingleOrDefaultAsync(
                    p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period,
                    ct
                ) is
            { WithdrawnAt: not null }
        )
        {
            await CorrectAsync(
                org,
                committee,
                period,
                who,
                when,
                "published again after it was withdrawn",
                snapshot ?? "",
                ct,
                covering
            );
        }
        else if (
            !await db.Publications.AnyAsync(
                p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period,
                ct
            )
        )
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Publications.Add(
                new Publication
                {
                    OrganisationId = org.Id,
                    Committee = committee,
                    Period = period,
                    PublishedAt = when,
                    PublishedBy = who,
                    Snapshot = snapshot,
                    CoveringDraftId = covering?.DraftId,
                    CoveringSnapshot = covering?.Snapshot,
                }
            );
            AuditLog.Add(db, org.Id, when, who, AuditKinds.Published, $"{committee} {period}");
            await db.SaveChangesAsync(ct);
            await DataVersion.BumpAsync(db, org.Id, ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Publishes a corrected version of a published period: <paramref name="snapshot"/> becomes what everyone
    /// sees, stamped with <paramref name="note"/>; the version it replaces is kept, still readable. A withdrawn
    /// publication is published again this way. The covering report published with it is kept unless
    /// <paramref name="covering"/> gives another.</summary>
    public async Task CorrectAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string note,
        string snapshot,
        CancellationToken ct,
        PublishedCovering? covering = null
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var publication =
            await db.Publications.SingleOrDefaultAsync(
                p => p.OrganisationId == org.Id && p.Committee == committee && p.Period == period,
                ct
            ) ?? throw new OutturnException($"{committee} {period} is not published: publish it first.");
        db.PublicationVersions.Add(
            new PublicationVersion
            {
                PublicationId = publication.Id,
                Version = publication.Version,
                Snapshot = publication.Snapshot,
                PublishedAt = publication.CorrectedAt ?? publication.PublishedAt,
                PublishedBy = publication.CorrectedBy ?? publication.PublishedBy,
                Note = publication.CorrectionNote,
            }
        );
        AuditLog.Add(db, org.Id, when, who, AuditKinds.Corrected, $"{committee} {period}", note);
        publication.Version++;
        publication.Snapshot = snapshot;
        if (covering is not null)
        {
            (publication.CoveringDraftId, publication.CoveringSnapshot) = (covering.DraftId, covering.Snapshot);
        }

        (publication.CorrectedAt, publication.CorrectedBy, publication.CorrectionNote) = (when, who, note);
        (publication.WithdrawnAt, publication.WithdrawnBy, publication.WithdrawnReason) = (null, null, null);
        await db.SaveChangesAsync(ct);
        await DataVersion.BumpAsync(db, org.Id, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Withdraws a publication: its figures are no longer public, and visitors are told it was withdrawn,
    /// when and why.</summary>
    public async Task WithdrawAsync(
        Organisation org,
        string committee,
        string period,
        string who,
        DateTime when,
        string reason,
        CancellationToken ct
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var publication =
            await db.Publications.SingleOrDefaultAsync(
                p =>
                    p.OrganisationId == org.Id
                    && p.Committee == committee
                    && p.Period == period
                    && p.WithdrawnAt == null,
                ct
            ) ?? throw new OutturnException($"{committee} {period} is not published.");
        (publication.WithdrawnAt, publication.WithdrawnBy, publication.WithdrawnReason) = (when, who, reason);
        AuditLog.Add(db, org.Id, when, who, AuditKinds.Withdrawn, $"{committee} {period}", reason);
        await db.SaveChangesAsync(ct);
        await DataVersion.BumpAsync(db, org.Id, ct);
        await transaction.CommitAsync(ct);
    }
}
