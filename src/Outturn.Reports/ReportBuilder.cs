using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;

namespace Outturn.Reports;

/// <summary>Builds a report's document from the database through <see cref="EvaluationService"/>, the one source of
/// the figures that the CLI's evaluate and summary also print.</summary>
public sealed class ReportBuilder(OutturnDbContext db)
{
    public async Task<ReportDocument> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        var service = new EvaluationService(db);
        var committees = await service.CommitteesAsync(request.Organisation, ct);
        if (request.Committee is { } c && !committees.Contains(c))
        {
            throw new OutturnException($"There is no committee named '{c}'. Committees: {string.Join("; ", committees)}.");
        }

        var readThrough = request.Layout == ReportLayout.Quarterly ? QuarterlyLayout.ReadThrough(request.Period) : (Period?)null;
        var items = await service.EvaluateAsync(request.Organisation, request.Period, request.Committee, ct, readThrough);
        var document = request.Layout switch
        {
            ReportLayout.Dashboard => DashboardLayout.Build(request, items),
            ReportLayout.Quarterly => QuarterlyLayout.Build(request, items, committees),
            _ => AnnualLayout.Build(request, [(request.Period, items),
                .. await YearsBeforeAsync(service, request, 2, ct)]),
        };
        return document with { Provenance = $"Made by Outturn on {request.MadeAt:d MMMM yyyy 'at' HH:mm} UTC from the figures held then." };
    }

    private static async Task<List<(Period, IReadOnlyList<ItemEvaluation>)>> YearsBeforeAsync(EvaluationService service, ReportRequest request, int count, CancellationToken ct)
    {
        var result = new List<(Period, IReadOnlyList<ItemEvaluation>)>();
        var p = request.Period;
        for (var i = 0; i < count; i++)
        {
            p = p.SamePeriodLastYear();
            result.Add((p, await service.EvaluateAsync(request.Organisation, p, request.Committee, ct)));
        }

        return result;
    }
}
