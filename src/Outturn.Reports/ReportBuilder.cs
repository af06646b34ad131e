using Outturn.Domain.Reporting;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;

namespace Outturn.Reports;

/// <summary>Lays out a report's document from what was read for it (<see cref="ReportInput"/>); nothing is read
/// here.</summary>
public static class ReportBuilder
{
    public static ReportDocument Build(ReportInput input)
    {
        var document = input.Layout switch
        {
            ReportLayout.Dashboard => DashboardLayout.Build(input),
            ReportLayout.Quarterly => QuarterlyLayout.Build(input),
            ReportLayout.Exceptions => ExceptionsLayout.Build(input),
            ReportLayout.Comparison => ComparisonLayout.Build(input),
            _ => AnnualLayout.Build(input),
        };
        return document with
        {
            Provenance = $"Made by Outturn on {input.MadeAt:d MMMM yyyy 'at' HH:mm} UTC from the figures held then.",
        };
    }
}
