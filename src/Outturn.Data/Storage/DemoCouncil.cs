using Microsoft.EntityFrameworkCore;
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
