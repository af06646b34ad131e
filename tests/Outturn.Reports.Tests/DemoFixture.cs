using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Tests;

/// <summary>The demo council in a SQLite database of its own, shared by one test class (read only).</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public const string Org = "Borsetshire County Council";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"outturn-reports-{Guid.NewGuid():N}.db");

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Where tests leave files for people to look at (rendered PDF pages).</summary>
    public static string Artefacts { get; } =
        Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "reports")).FullName;

    public OutturnDbContext Db { get; private set; } = null!;
    public Organisation Organisation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await DatabaseTarget.Parse(_path).OpenAsync();
        var demo = Path.Combine(RepositoryRoot, "demo");
        await new Importer(Db, TimeProvider.System).ImportAsync(
            Org,
            [Path.Combine(demo, "measures.csv"), Path.Combine(demo, "values.csv")],
            "test"
        );
        Organisation = await new EvaluationService(Db).FindOrganisationAsync(Org);
    }

    public async Task<ReportDocument> BuildAsync(ReportLayout layout, string period, string? committee = null) =>
        ReportBuilder.Build(
            await new ReportInputs(Db).ReadAsync(
                new ReportRequest(
                    Organisation,
                    layout,
                    Period.Parse(period),
                    committee,
                    new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)
                )
            )
        );

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outturn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
