using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Tests;

/// <summary>The demo council in a SQLite database of its own (a copy of the test run's demo template), shared by one
/// test class (read only).</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public const string Org = "Borsetshire County Council";
    private TestDatabase _database = null!;

    /// <summary>Where tests leave files for people to look at (rendered PDF pages).</summary>
    public static string Artefacts { get; } = Repository.Artefacts("reports");

    public OutturnDbContext Db { get; private set; } = null!;
    public Organisation Organisation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("sqlite", demo: true);
        Db = await _database.OpenAsync();
        Organisation = await new EvaluationService(Db).FindOrganisationAsync(Org);
    }

    public async Task<ReportDocument> BuildAsync(ReportLayout layout, string period, string? committee = null) =>
        ReportBuilder.Build(await InputAsync(layout, period, committee));

    public async Task<ReportInput> InputAsync(ReportLayout layout, string period, string? committee = null) =>
        await new ReportInputs(Db).ReadAsync(
            new ReportRequest(
                Organisation,
                layout,
                Period.Parse(period),
                committee,
                new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)
            )
        );

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await _database.DisposeAsync();
    }
}
