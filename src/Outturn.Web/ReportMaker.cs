using Outturn.Data.Storage;
using Outturn.Domain.Reporting;
using Outturn.Reports;
using Outturn.Reports.Model;

namespace Outturn.Web;

/// <summary>Makes a report's document for a request: what it needs is read (<see cref="ReportInputs"/>), then laid
/// out (<see cref="ReportBuilder"/>); a build of the same data is taken from the <see cref="ReportCache"/>.</summary>
public sealed class ReportMaker(OutturnDbContext db, ReportCache cache)
{
    /// <summary>The document, from the cache when one was built from the same data.</summary>
    public Task<ReportDocument> GetAsync(ReportRequest request, CancellationToken ct = default) =>
        cache.GetAsync(request, () => BuildAsync(request, ct));

    /// <summary>What a report is drawn from (for a covering report's charts and framework tables).</summary>
    public Task<ReportInput> InputAsync(ReportRequest request, CancellationToken ct = default) =>
        new ReportInputs(db).ReadAsync(request, ct);

    /// <summary>The document built now, whatever the cache holds (for what is kept as published).</summary>
    public async Task<ReportDocument> BuildAsync(ReportRequest request, CancellationToken ct = default) =>
        ReportBuilder.Build(await new ReportInputs(db).ReadAsync(request, ct));
}
