using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>
/// The Outturn database. Tables and columns are snake_case on both SQLite and PostgreSQL, so that the bulk
/// paths' hand-written SQL reads the same on each. Each provider has its own subclass, for its own migrations.
/// </summary>
public abstract class OutturnDbContext(DbContextOptions options)
    : IdentityDbContext<OutturnUser>(options),
        IDataProtectionKeyContext
{
    /// <summary>The web app's data-protection keys (cookies, anti-forgery tokens), shared by every instance that uses
    /// this database, so that a form served by one is accepted by another and a restart signs nobody out.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are made by, as the audit trail names them: the person
    /// signed in (the web app sets it for each request), or the command's user.</summary>
    public string Actor { get; set; } = "system";

    /// <summary>The time the audit trail stamps a framework change with; the system clock unless set.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FrameworkAudit.Record(this, Clock.GetUtcNow().UtcDateTime);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        FrameworkAudit.Record(this, Clock.GetUtcNow().UtcDateTime);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<Priority> Priorities => Set<Priority>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<ItemCommittee> ItemCommittees => Set<ItemCommittee>();
    public DbSet<SpcRebaseRecord> SpcRebases => Set<SpcRebaseRecord>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<EntryChange> EntryChanges => Set<EntryChange>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<PublicationVersion> PublicationVersions => Set<PublicationVersion>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UploadFile> UploadFiles => Set<UploadFile>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<CollectionRecord> CollectionRecords => Set<CollectionRecord>();
    public DbSet<PeriodLockRecord> PeriodLocks => Set<PeriodLockRecord>();
    public DbSet<TargetProposal> TargetProposals => Set<TargetProposal>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<CoveringReportDraft> CoveringReportDrafts => Set<CoveringReportDraft>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Metric> Metrics => Set<Metric>();
    public DbSet<NationalValue> NationalValues => Set<NationalValue>();
    public DbSet<ComparatorGroup> ComparatorGroups => Set<ComparatorGroup>();
    public DbSet<ComparatorMember> ComparatorMembers => Set<ComparatorMember>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The newest of this provider's migrations. A database whose migration history ends with it is up to
    /// date, which <see cref="DatabaseTarget.OpenAsync"/> reads with one small query instead of EF's migrations
    /// machinery (which finds every migration by reflection: a third of a second of a command's start). A test holds
    /// it to the migrations there are; were it left behind, opening would take the full check, never skip a
    /// migration.</summary>
    public abstract string NewestMigration { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Publication>(e =>
        {
            e.HasIndex(p => new
                {
                    p.OrganisationId,
                    p.Committee,
                    p.Period,
                })
                .IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
        });
        builder.Entity<Publication>(e =>
        {
            e.Property(p => p.Version).HasDefaultValue(1);
            e.Property(p => p.CorrectionNote).HasMaxLength(2000);
            e.Property(p => p.WithdrawnReason).HasMaxLength(2000);
        });
        builder.Entity<PublicationVersion>(e =>
        {
            e.HasIndex(v => new { v.PublicationId, v.Version }).IsUnique();
            e.Property(v => v.Note).HasMaxLength(2000);
            e.HasOne<Publication>().WithMany().HasForeignKey(v => v.PublicationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CoveringReportDraft>(e =>
        {
            e.HasIndex(d => new
                {
                    d.OrganisationId,
                    d.Committee,
                    d.Meeting,
                    d.Version,
                })
                .IsUnique();
            e.Property(d => d.Committee).HasMaxLength(200);
            e.Property(d => d.Title).HasMaxLength(200);
            e.Property(d => d.Layout).HasMaxLength(16);
            e.Property(d => d.Period).HasMaxLength(32);
            e.Property(d => d.SavedBy).HasMaxLength(256);
            e.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Area>(e =>
        {
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(9);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Type).HasMaxLength(100);
            e.Property(a => a.ParentCode).HasMaxLength(9);
            e.Property(a => a.SuccessorCode).HasMaxLength(9);
            e.HasIndex(a => a.SuccessorCode);
        });
        builder.Entity<Metric>(e =>
        {
            e.HasIndex(m => m.KeyUpper).IsUnique();
            e.Property(m => m.Key).HasMaxLength(80);
            e.Property(m => m.KeyUpper).HasMaxLength(80);
            e.Property(m => m.Title).HasMaxLength(500);
            e.Property(m => m.Unit).HasMaxLength(60);
            e.Property(m => m.Polarity).HasMaxLength(8);
            e.Property(m => m.Source).HasMaxLength(200);
        });
        builder.Entity<NationalValue>(e =>
        {
            // "One metric, one period, these areas" (decision 0009): the key is that index, one range of it per
            // comparison; no surrogate id and no foreign key to metrics, whose per-row checks were half the cost of a
            // bulk load (the importer writes only metric ids it has read or created in its own transaction).
            e.HasKey(v => new
            {
                v.MetricId,
                v.PeriodEnd,
                v.Period,
                v.AreaCode,
            });
            e.Property(v => v.AreaCode).HasMaxLength(9);
            e.Property(v => v.Period).HasMaxLength(32);
            e.Property(v => v.Note).HasMaxLength(500);
        });
        builder.Entity<ComparatorGroup>(e =>
        {
            e.HasIndex(g => g.Name).IsUnique();
            e.Property(g => g.Name).HasMaxLength(200);
            e.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ComparatorMember>(e =>
        {
            e.HasKey(m => new
            {
                m.GroupId,
                m.ForArea,
                m.AreaCode,
            });
            e.Property(m => m.ForArea).HasMaxLength(9);
            e.Property(m => m.AreaCode).HasMaxLength(9);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Prefix).IsUnique();
            e.HasIndex(t => t.OrganisationId);
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Prefix).HasMaxLength(32);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId);
        });
        builder.Entity<UploadFile>(e =>
        {
            e.HasIndex(f => f.Batch);
            e.HasIndex(f => f.CreatedAt);
            e.Property(f => f.Batch).HasMaxLength(32);
            e.Property(f => f.FileName).HasMaxLength(260);
            e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId);
        });
        builder.Entity<OutturnUser>().HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId);
        builder.Entity<OutturnUser>().HasOne<OutturnUser>().WithMany().HasForeignKey(u => u.ManagerId);
        builder.Entity<OutturnUser>().HasOne<OutturnUser>().WithMany().HasForeignKey(u => u.DeputyId);
        builder.Entity<Holiday>(e =>
        {
            e.HasIndex(h => new { h.OrganisationId, h.Date }).IsUnique();
            e.Property(h => h.Name).HasMaxLength(200);
            e.HasOne<Organisation>().WithMany().HasForeignKey(h => h.OrganisationId);
        });
        builder.Entity<PeriodLockRecord>(e =>
        {
            e.HasIndex(l => new { l.OrganisationId, l.Month }).IsUnique();
            e.Property(l => l.Period).HasMaxLength(32);
            e.Property(l => l.LockedBy).HasMaxLength(256);
            e.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TargetProposal>(e =>
        {
            e.HasIndex(p => new { p.ItemId, p.Period });
            e.HasIndex(p => p.OrganisationId);
            e.Property(p => p.Period).HasMaxLength(32);
            e.Property(p => p.Target).HasMaxLength(200);
            e.Property(p => p.ProposedBy).HasMaxLength(256);
            e.Property(p => p.DecidedBy).HasMaxLength(256);
            e.Property(p => p.Outcome).HasMaxLength(16);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId);
            e.HasOne<Item>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEvent>(e =>
        {
            e.HasIndex(a => new { a.OrganisationId, a.At });
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.Subject).HasMaxLength(400);
            e.Property(a => a.Detail).HasMaxLength(AuditLog.MaxDetail);
            e.Property(a => a.Address).HasMaxLength(64);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
        });
        builder.Entity<ReminderSent>(e =>
        {
            e.HasIndex(r => new
                {
                    r.OrganisationId,
                    r.PersonId,
                    r.Key,
                })
                .IsUnique();
            e.Property(r => r.Key).HasMaxLength(120);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId);
            e.HasOne<OutturnUser>().WithMany().HasForeignKey(r => r.PersonId);
        });
        builder.Entity<CollectionRecord>(e =>
        {
            e.HasIndex(r => new { r.ItemId, r.Period });
            e.HasIndex(r => r.OrganisationId);
            e.Property(r => r.Period).HasMaxLength(32);
            e.Property(r => r.Step).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(2000);
            e.Property(r => r.By).HasMaxLength(256);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId);
            e.HasOne<Item>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Organisation>(e =>
        {
            e.HasIndex(o => o.Name).IsUnique();
            e.Property(o => o.DeadlineRule).HasMaxLength(40).HasDefaultValue("10 working days");
            e.Property(o => o.HolidayRegion).HasMaxLength(40).HasDefaultValue("england-and-wales");
            e.Property(o => o.AreaCode).HasMaxLength(9);
            e.Property(o => o.ComparatorGroup).HasMaxLength(200);
            e.Property(o => o.SmallNumbers).HasDefaultValue(Domain.Comparisons.Comparison.DefaultSmallNumberThreshold);
            e.HasMany(o => o.Committees).WithOne().HasForeignKey(c => c.OrganisationId);
            e.HasMany(o => o.Priorities).WithOne().HasForeignKey(p => p.OrganisationId);
            e.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrganisationId);
        });
        builder.Entity<Committee>().HasIndex(c => new { c.OrganisationId, c.Name }).IsUnique();
        builder.Entity<Priority>().HasIndex(p => new { p.OrganisationId, p.Name }).IsUnique();
        builder.Entity<Theme>(e =>
        {
            e.HasIndex(t => new { t.PriorityId, t.Name }).IsUnique();
            e.HasOne(t => t.Priority).WithMany(p => p.Themes).HasForeignKey(t => t.PriorityId);
        });
        builder.Entity<Item>(e =>
        {
            e.HasIndex(i => new { i.OrganisationId, i.RefKey }).IsUnique();
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Unit).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Polarity).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Frequency).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Aggregation).HasConversion<string>().HasMaxLength(24);
            e.Property(i => i.UnitLabel).HasMaxLength(40);
            e.Property(i => i.Deadline).HasMaxLength(40);
            e.Property(i => i.BenchmarkMetric).HasMaxLength(80);
            e.HasOne(i => i.Theme).WithMany().HasForeignKey(i => i.ThemeId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<SpcRebaseRecord>(e =>
        {
            e.HasIndex(r => new { r.ItemId, r.Period }).IsUnique();
            e.Property(r => r.Period).HasMaxLength(32);
            e.Property(r => r.Reason).HasMaxLength(Domain.Statistics.SpcRebase.MaxReason);
            e.Property(r => r.SetBy).HasMaxLength(256);
            e.HasOne<Item>().WithMany(i => i.SpcRebases).HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ItemCommittee>(e =>
        {
            e.HasKey(ic => new { ic.ItemId, ic.CommitteeId });
            e.HasOne(ic => ic.Item).WithMany(i => i.Committees).HasForeignKey(ic => ic.ItemId);
            e.HasOne(ic => ic.Committee).WithMany(c => c.Items).HasForeignKey(ic => ic.CommitteeId);
        });
        builder.Entity<Entry>(e =>
        {
            // "All values of these items over these periods": one index, unique by item and period (a period's end
            // follows from the period, so adding it keeps the same uniqueness), ordered by item then period end, so
            // that an item's figures over a range of months are one range scan, however long its history. A second
            // index was measured to cost a third of bulk import time; this one costs none (docs/benchmarks.md).
            e.HasIndex(x => new
                {
                    x.ItemId,
                    x.PeriodEnd,
                    x.Period,
                })
                .IsUnique();
            e.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId);
            // On SQLite the initial migration creates entries.id and entry_changes.id without AUTOINCREMENT (see the
            // comment there): the model keeps EF's default, since EF 10 does not record "None" in the snapshot.
        });
        builder.Entity<EntryChange>(e =>
        {
            e.HasIndex(x => x.EntryId);
            e.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId);
            e.Property(x => x.Reason).HasMaxLength(EntryChange.MaxReason);
        });

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (
                char.IsUpper(c)
                && i > 0
                && name[i - 1] != '_'
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))
            )
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}

public sealed class SqliteOutturnDbContext(DbContextOptions<SqliteOutturnDbContext> options) : OutturnDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string NewestMigration => "20261207175219_RateBySignificance";

    /// <summary>Decimals are kept as the text of the figure as it was entered: "8.0" stays "8.0" beside "10", as
    /// PostgreSQL's numeric keeps it, so reports print figures with the places they were given
    /// (Microsoft.Data.Sqlite would write both as "8.0" and "10.0"). No query compares decimals in SQL.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<decimal>().HaveConversion<ExactDecimalText>();
    }
}

/// <summary>A decimal as its exact invariant text, trailing zeros and all.</summary>
public sealed class ExactDecimalText()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<decimal, string>(
        v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s =>
            decimal.Parse(
                s,
                System.Globalization.NumberStyles.Number | System.Globalization.NumberStyles.AllowExponent,
                System.Globalization.CultureInfo.InvariantCulture
            )
    );

public sealed class PostgresOutturnDbContext(DbContextOptions<PostgresOutturnDbContext> options)
    : OutturnDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string NewestMigration => "20261207175245_RateBySignificance";
}
