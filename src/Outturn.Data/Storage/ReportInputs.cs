using Outturn.Data.Entities;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;

namespace Outturn.Data.Storage;

/// <summary>What to report: an organisation's items (for one committee, or all) for a period.</summary>
public sealed record ReportRequest(
    Organisation Organisation,
    ReportLayout Layout,
    Period Period,
    string? Committee,
    DateTimeOffset MadeAt,
    ChartStyle Charts = ChartStyle.Inline
);

/// <summary>Reads what a report's layout needs (<see cref="ReportInput"/>) through <see cref="EvaluationService"/>,
/// the one source of the figures that the CLI's evaluate and summary also print.</summary>
public sealed class ReportInputs(OutturnDbContext db)
{
    public async Task<ReportInput> ReadAsync(ReportRequest request, CancellationToken ct = default)
    {
        var service = new EvaluationService(db);
        var committees = await service.CommitteesAsync(request.Organisation, ct);
        if (request.Committee is { } c && !committees.Contains(c))
        {
            throw new OutturnException(
                $"There is no committee named '{c}'. Committees: {string.Join("; ", committees)}."
            );
        }

        var items = await service.EvaluateAsync(
            request.Organisation,
            request.Period,
            request.Committee,
            ReportReading.ReadThrough(request.Layout, request.Period),
            ct
        );
        // Each linked measure's comparison with other councils, from the national figures of its latest period to
        // end by the report's.
        if (request.Organisation.AreaCode is not null && items.Any(i => i.Item.BenchmarkMetric is not null))
        {
            var compared = (
                await new Comparisons.ComparisonService(db).CompareAsync(
                    request.Organisation,
                    null,
                    ct: ct,
                    endingBy: request.Period.EndMonth
                )
            ).ToDictionary(c => c.ItemId);
            items =
            [
                .. items.Select(i =>
                    compared.TryGetValue(i.Item.Id, out var c)
                        ? i with
                        {
                            Compared = new Domain.Comparisons.ComparedWith(c.Group, c.Period, c.Result)
                            {
                                Trend = c.Trend,
                                Members =
                                [
                                    .. c.Members.Select(m => new Domain.Comparisons.ComparedArea(
                                        m.Area.Name,
                                        m.Figure
                                    )),
                                ],
                                SmallNumbers = request.Organisation.SmallNumbers,
                            },
                        }
                        : i
                ),
            ];
        }

        var years = new List<(Period, IReadOnlyList<EvaluatedItem>)>();
        var p = request.Period;
        for (var i = 0; i < ReportReading.YearsBefore(request.Layout); i++)
        {
            p = p.SamePeriodLastYear();
            years.Add((p, await service.EvaluateAsync(request.Organisation, p, request.Committee, ct: ct)));
        }

        return new ReportInput(
            request.Organisation.Name,
            request.Organisation.ToScheme(),
            request.Layout,
            request.Period,
            request.Committee,
            request.MadeAt,
            committees,
            items
        )
        {
            YearsBefore = years,
            Charts = request.Charts,
        };
    }
}
