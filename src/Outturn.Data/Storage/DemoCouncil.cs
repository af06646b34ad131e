using Microsoft.EntityFrameworkCore;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;

namespace Outturn.Data.Storage;

/// <summary>The demo council (Borsetshire, demo/): its framework and figures, and a covering report saved for a
/// Cabinet meeting, so that every feature has something to show.</summary>
public static class DemoCouncil
{
    public const string Name = "Borsetshire County Council";

    /// <summary>The meeting the demo's covering report is saved for, with Appendix A its quarterly report.</summary>
    public static readonly CoveringDraftKey Paper = new("Cabinet", new DateOnly(2018, 5, 15));

    public static async Task LoadAsync(
        OutturnDbContext db,
        string folder,
        TimeProvider clock,
        CancellationToken ct = default
    )
    {
        await new Importer(db, clock).ImportAsync(
            Name,
            [Path.Combine(folder, "measures.csv"), Path.Combine(folder, "values.csv")],
            "demo",
            ct: ct
        );
        await SaveCoveringReportAsync(db, folder, clock, ct);
        await LoadNationalDataAsync(db, folder, ct);
    }

    /// <summary>The months the demo publishes for every committee: its last three, so that a visitor starting the app
    /// finds each committee's recent dashboards.</summary>
    public static readonly Period[] PublishedMonths =
    [
        Period.Month(2018, 1),
        Period.Month(2018, 2),
        Period.Month(2018, 3),
    ];

    /// <summary>The figure the demo corrects after publishing it, and why.</summary>
    public static readonly (string Ref, Period Period, string From, string To, string Reason) Correction = (
        "HO01",
        Period.Month(2018, 2),
        "242",
        "240",
        "Two households placed by a district council were counted twice in the first return."
    );

    /// <summary>
    /// Publishes <see cref="PublishedMonths"/> for every committee, each dashboard kept as built then, as the web
    /// app's publish step keeps it, and stamped as published by the performance team on the 20th of the month after
    /// (the demo's figures are a fixed example that ends in March 2018). A week after February's publication,
    /// <see cref="Correction"/> is made and every February dashboard showing it is republished, so that the
    /// corrected version and the one it replaced can both be read. For the web app and <c>outturn demo</c>; the
    /// tests' templates leave the demo unpublished. <paramref name="snapshot"/> lays a dashboard's input out as the
    /// report document kept (the reports are not Data's to build).
    /// </summary>
    public static async Task PublishRecentAsync(
        OutturnDbContext db,
        Func<ReportInput, string> snapshot,
        TimeProvider clock,
        CancellationToken ct = default
    )
    {
        var org = await db.Organisations.SingleAsync(o => o.Name == Name, ct);
        var inputs = new ReportInputs(db);
        var publishing = new Publishing(db);
        var committees = await new EvaluationService(db).CommitteesAsync(org, ct);
        async Task<string> DashboardAsync(string committee, Period month) =>
            snapshot(
                await inputs.ReadAsync(
                    new ReportRequest(org, ReportLayout.Dashboard, month, committee, clock.GetUtcNow()),
                    ct
                )
            );

        foreach (var month in PublishedMonths)
        {
            var published = month.Next();
            var at = new DateTime(published.Year, published.Number, 20, 9, 0, 0, DateTimeKind.Utc);
            foreach (var committee in committees)
            {
                await publishing.PublishAsync(
                    org,
                    committee,
                    month.ToString(),
                    PerformanceOfficer.UserName,
                    at,
                    ct,
                    await DashboardAsync(committee, month)
                );
            }

            if (month != Correction.Period)
            {
                continue;
            }

            var correctedAt = at.AddDays(7);
            var key = Entities.Item.KeyOf(Correction.Ref);
            var item = await db
                .Items.Include(i => i.Committees)
                    .ThenInclude(c => c.Committee)
                .SingleAsync(i => i.OrganisationId == org.Id && i.RefKey == key, ct);
            var stored = await db
                .Entries.AsNoTracking()
                .SingleAsync(e => e.ItemId == item.Id && e.Period == month.ToString(), ct);
            var revised = stored.Clone();
            if (
                !Interchange.OutturnText.TrySet(Correction.To, item.Unit, revised)
                || stored.ValueNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) != Correction.From
            )
            {
                throw new OutturnException(
                    $"The demo's correction of {Correction.Ref} {month} no longer fits its figures."
                );
            }

            await new EntryService(db, new FixedClock(correctedAt)).SaveAsync(
                item,
                month,
                revised,
                Interchange.EntryField.Value,
                PerformanceOfficer.UserName,
                "web form",
                Correction.Reason,
                officer: true,
                ct
            );
            foreach (var committee in item.Committees.Select(c => c.Committee!.Name).Order(StringComparer.Ordinal))
            {
                await publishing.CorrectAsync(
                    org,
                    committee,
                    month.ToString(),
                    PerformanceOfficer.UserName,
                    correctedAt,
                    $"{Correction.Ref}'s figure corrected from {Correction.From} to {Correction.To}: "
                        + Correction.Reason,
                    await DashboardAsync(committee, month),
                    ct
                );
            }
        }
    }

    /// <summary>A person of the demo council: user name, name, email address.</summary>
    public sealed record Person(string UserName, string DisplayName, string Email);

    /// <summary>The demo's performance officer, who publishes, approves and returns.</summary>
    public static readonly Person PerformanceOfficer = new(
        "performance",
        "Performance and intelligence team",
        "performance@borsetshire.example.gov.uk"
    );

    /// <summary>The owners' manager, told when their figures are long overdue.</summary>
    public static readonly Person Manager = new(
        "head-of-performance",
        "Head of policy and performance",
        "head.of.performance@borsetshire.example.gov.uk"
    );

    /// <summary>The month whose round the demo shows part way through.</summary>
    public static readonly Period RoundMonth = Period.Month(2018, 3);

    /// <summary>The figure returned to its owner in <see cref="RoundMonth"/>'s round, and why.</summary>
    public static readonly (string Ref, string Reason) Returned = (
        "HO01",
        "The breakdown (121 + 54 + 50 = 225) does not add up to the total of 229: please check which is right."
    );

    /// <summary>
    /// The monthly cycle as a newcomer should find it: a person for each owner the measures name (the owner text as
    /// their name, an email address, the head of performance as their manager; no password until an administrator
    /// gives one or they reset it by email), the performance team, finance's own deadline of 15 working days, and
    /// <see cref="RoundMonth"/>'s round part way through — Cabinet's figures submitted by their owners and approved,
    /// three of the Environment and Crime Scrutiny's submitted and waiting, <see cref="Returned"/> sent back, and the
    /// rest not submitted, so overdue once its deadline has passed. Steps are dated before the round's deadline.
    /// </summary>
    public static async Task StartCycleAsync(OutturnDbContext db, CancellationToken ct = default)
    {
        var org = await db.Organisations.SingleAsync(o => o.Name == Name, ct);
        var items = await db
            .Items.Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i => i.OrganisationId == org.Id)
            .ToListAsync(ct);
        var roles = new Dictionary<string, string>();
        foreach (var role in Entities.Roles.All)
        {
            var stored = await db.Roles.SingleOrDefaultAsync(r => r.Name == role, ct);
            if (stored is null)
            {
                stored = new Microsoft.AspNetCore.Identity.IdentityRole(role)
                {
                    NormalizedName = role.ToUpperInvariant(),
                };
                db.Roles.Add(stored);
            }

            roles[role] = stored.Id;
        }

        Entities.OutturnUser Add(Person who, string role, string? managerId)
        {
            var person = new Entities.OutturnUser
            {
                UserName = who.UserName,
                NormalizedUserName = who.UserName.ToUpperInvariant(),
                DisplayName = who.DisplayName,
                Email = who.Email,
                NormalizedEmail = who.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                OrganisationId = org.Id,
                ManagerId = managerId,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            db.Users.Add(person);
            db.UserRoles.Add(
                new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = person.Id, RoleId = roles[role] }
            );
            return person;
        }

        var manager = Add(Manager, Entities.Roles.PerformanceOfficer, null);
        Add(PerformanceOfficer, Entities.Roles.PerformanceOfficer, manager.Id);
        var owners = new Dictionary<string, Entities.OutturnUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var owner in items.Select(i => i.Owner).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var name = Entities.Slug.Of(owner);
            var email =
                $"{name.Replace("-lead-officer", ".lead", StringComparison.Ordinal)}@borsetshire.example.gov.uk";
            owners[owner] = Add(new Person(name, owner, email), Entities.Roles.MeasureOwner, manager.Id);
        }

        foreach (var item in items.Where(i => i.Ref.StartsWith("FI", StringComparison.Ordinal)))
        {
            item.Deadline = "15 working days";
        }

        org.DeadlineRule = "10 working days";
        await db.SaveChangesAsync(ct);

        var submittedAt = new DateTimeOffset(2018, 4, 11, 14, 0, 0, TimeSpan.Zero);
        var collection = new Cycle.CollectionService(db, new FixedClock(submittedAt.UtcDateTime));
        var round = await collection.DueAsync(org, RoundMonth, ct);
        var committeesOf = items.ToDictionary(i => i.Id, i => i.Committees.Select(c => c.Committee!.Name).ToList());
        bool On(Cycle.CollectionRow row, string committee) => committeesOf[row.Item.Id].Contains(committee);
        var entered = round.Where(r => r.Standing.Entered).ToList();
        var cabinet = entered.Where(r => On(r, "Cabinet")).ToList();
        var waiting = entered.Where(r => !On(r, "Cabinet") && On(r, "Environment and Crime Scrutiny")).Take(3).ToList();
        foreach (var row in cabinet.Concat(waiting))
        {
            var by =
                row.Item.Owner is { } o && owners.TryGetValue(o, out var p) ? p.UserName! : PerformanceOfficer.UserName;
            await collection.StepAsync(
                org,
                row.Item.Ref,
                row.Period,
                Domain.Cycle.CollectionStep.Submitted,
                by,
                null,
                ct
            );
        }

        var checking = new Cycle.CollectionService(db, new FixedClock(submittedAt.AddDays(1).UtcDateTime));
        foreach (var row in cabinet)
        {
            var (step, reason) =
                row.Item.Ref == Returned.Ref
                    ? (Domain.Cycle.CollectionStep.Returned, Returned.Reason)
                    : (Domain.Cycle.CollectionStep.Approved, (string?)null);
            await checking.StepAsync(org, row.Item.Ref, row.Period, step, PerformanceOfficer.UserName, reason, ct);
        }
    }

    /// <summary>A clock stopped at one moment, for steps the demo dates in its own past.</summary>
    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    /// <summary>The demo's own area (a made-up code), its comparator group of 15 neighbours and a small national
    /// dataset of the metrics its measures are linked to (demo/national.csv, demo/groups.csv, written by
    /// tools/make_demo_national.py).</summary>
    public static async Task LoadNationalDataAsync(OutturnDbContext db, string folder, CancellationToken ct = default)
    {
        await Comparisons.NationalImporter.ImportAsync(db, [Path.Combine(folder, "national.csv")], ct: ct);
        await Comparisons.ComparatorGroups.ImportAsync(db, Path.Combine(folder, "groups.csv"), ct);
        var org = await db.Organisations.SingleAsync(o => o.Name == Name, ct);
        org.AreaCode = AreaCode;
        org.ComparatorGroup = ComparatorGroup;
        org.MarkChanged();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo council's area code (made up, in the GSS form).</summary>
    public const string AreaCode = "E10000099";

    /// <summary>The demo council's comparator group.</summary>
    public const string ComparatorGroup = "CIPFA nearest neighbours";

    /// <summary>Saves demo/covering-report.txt as the Cabinet paper's draft (a file that does not read is an
    /// error).</summary>
    public static async Task SaveCoveringReportAsync(
        OutturnDbContext db,
        string folder,
        TimeProvider clock,
        CancellationToken ct = default
    )
    {
        var path = Path.Combine(folder, "covering-report.txt");
        var errors = new List<ImportError>();
        var draft = CoveringDraft.Parse("covering-report.txt", await File.ReadAllTextAsync(path, ct), errors);
        if (errors.Count > 0)
        {
            throw new OutturnException(string.Join("; ", errors));
        }

        var org = await db.Organisations.SingleAsync(o => o.Name == Name, ct);
        await new CoveringDrafts(db, clock).SaveAsync(
            org,
            Paper,
            "Council Plan performance: quarter 4, 2017/18",
            "quarterly",
            "2017/18 Q4",
            draft.ToString(),
            "demo",
            ct
        );
    }
}
