using Outturn.Data.Entities;
using Outturn.Domain.Periods;

namespace Outturn.Reports.Layouts;

public enum ReportLayout { Dashboard, Quarterly, Annual }

/// <summary>What to report: an organisation's items (for one committee, or all) for a period.</summary>
public sealed record ReportRequest(Organisation Organisation, ReportLayout Layout, Period Period, string? Committee, DateTimeOffset MadeAt);
