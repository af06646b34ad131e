namespace Outturn.Reports.Tests;

/// <summary>The reports are drawn from a read model (Outturn.Domain's ReportInput): they never reach the
/// database.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Reports_reference_the_domain_and_neither_storage_nor_EF()
    {
        var references = typeof(ReportBuilder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Outturn.Domain", references);
        Assert.DoesNotContain(
            references,
            r =>
                r.StartsWith("Outturn.Data", StringComparison.Ordinal)
                || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || r.StartsWith("Npgsql", StringComparison.Ordinal)
                || r.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void The_domain_references_nothing_of_ours_and_no_storage()
    {
        var references = typeof(Domain.Reporting.ReportInput)
            .Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .ToList();
        Assert.DoesNotContain(
            references,
            r =>
                r.StartsWith("Outturn.", StringComparison.Ordinal)
                || r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        );
    }
}
