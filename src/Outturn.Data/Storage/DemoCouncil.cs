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

    /// <summary>Publishes <see cref="PublishedMonths"/> for every committee, each dashboard kept as built now, as the
    /// web app's publish step keeps it, and stamped as published by "demo" on the 20th of the month after (the
    /// demo's figures are a fixed example that ends in March 2018). For the web app and <c>outturn demo</c>; the
    /// tests' templates leave the demo unpublished. <paramref name="snapshot"/> lays a dashboard's input out as the
    /// report document kept (the reports are not Data's to build).</summary>
    public static async Task PublishRecentAsync(
        OutturnDbContext db,
        Func<ReportInput, string> snapshot,
        TimeProvider clock,
        CancellationToken ct = default
    )
    {
        var org = await db.Organisations.SingleAsync(o => o.Name == Name, ct);
        var inputs = new ReportInputs(db);
        foreach (var committee in await new EvaluationService(db).CommitteesAsync(org, ct))
        {
            foreach (var month in PublishedMonths)
            {
                var published = month.Next();
                var at = new DateTime(published.Year, published.Number, 20, 9, 0, 0, DateTimeKind.Utc);
                var input = await inputs.ReadAsync(
                    new ReportRequest(org, ReportLayout.Dashboard, month, committee, clock.GetUtcNow()),
                    ct
                );
                db.Publications.Add(
                    new Entities.Publication
                    {
                        OrganisationId = org.Id,
                        Committee = committee,
                        Period = month.ToString(),
                        PublishedAt = at,
                        PublishedBy = "demo",
                        Snapshot = snapshot(input),
                    }
                );
                AuditLog.Add(db, org.Id, at, "demo", AuditKinds.Published, $"{committee} {month}");
            }
        }

        await db.SaveChangesAsync(ct);
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
        org.DataVersion++;
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
