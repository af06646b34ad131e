using Microsoft.EntityFrameworkCore;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>Every change to the framework and the scheme is in the audit trail, with who made it and what changed,
/// whichever door it came through.</summary>
public class FrameworkAuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Imports_and_commands_that_change_the_framework_are_audited_field_by_field(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        using var files = new TempFolder();
        await using (var db = await test.OpenAsync())
        {
            await new Importer(db, TimeProvider.System).ImportAsync(
                "Havering",
                [files.Write("measures.csv", Samples.Measures)],
                "officer@example.gov.uk"
            );
        }

        // Changed: PM01's title and polarity and its committees; a new committee; PM02 and PM03 unchanged.
        var changed = Samples
            .Measures.Replace(
                "PM01,% of Stage 1 complaints closed within 15 days,measure,Strong,Customer,Towns and Communities,"
                    + "percentage,higher",
                "PM01,% of Stage 1 complaints closed within 10 days,measure,Strong,Customer,Cabinet,percentage,lower",
                StringComparison.Ordinal
            )
            .Replace("\r\n", "\n", StringComparison.Ordinal);
        await using (var db = await test.OpenAsync())
        {
            await new Importer(db, TimeProvider.System).ImportAsync(
                "Havering",
                [files.Write("measures2.csv", changed)],
                "head.of.performance"
            );
        }

        Assert.Equal(
            0,
            (
                await Cli.RunAsync(
                    test.Target.ConnectionString,
                    "scheme",
                    "set",
                    "--org",
                    "Havering",
                    "--amber-tolerance",
                    "3%"
                )
            ).ExitCode
        );

        await using var read = await test.OpenAsync();
        var events = await read
            .AuditEvents.Where(e => e.Kind == AuditKinds.FrameworkChanged)
            .OrderBy(e => e.Id)
            .ToListAsync();
        // The first import: each item added with its committees, each priority, theme and committee added.
        Assert.Contains(
            events,
            e =>
                e.Subject == "measure PM02"
                && e.Actor == "officer@example.gov.uk"
                && e.Detail == "added: No. of in-house foster carers; reported to Children and Learning, Health"
        );
        Assert.Contains(events, e => e.Subject == "committee Health" && e.Detail == "added: Health");
        Assert.Contains(events, e => e.Subject == "theme Children" && e.Detail == "added: Children");
        // The second: what changed, field by field, by the second importer's user; nothing for what did not.
        var second = events.Where(e => e.Actor == "head.of.performance").ToList();
        Assert.Contains(
            second,
            e =>
                e.Subject == "measure PM01"
                && e.Detail!.Contains(
                    "title: '% of Stage 1 complaints closed within 15 days' → '% of Stage 1 complaints closed within "
                        + "10 days'",
                    StringComparison.Ordinal
                )
                && e.Detail.Contains("polarity: higher is better → lower is better", StringComparison.Ordinal)
        );
        Assert.Contains(second, e => e.Subject == "measure PM01" && e.Detail == "now reported to Cabinet");
        Assert.Contains(
            second,
            e => e.Subject == "measure PM01" && e.Detail == "no longer reported to Towns and Communities"
        );
        Assert.Contains(second, e => e.Subject == "committee Cabinet" && e.Detail == "added: Cabinet");
        Assert.DoesNotContain(second, e => e.Subject is "measure PM02" or "measure PM03");
        // The organisation, created by the first import; then its scheme, by the command's user. The data version every
        // write raises is no one's change.
        var schemes = events.Where(e => e.Subject == "scheme and settings").ToList();
        Assert.Equal(["added: Havering", "amber tolerance: '5%' → '3%'"], schemes.Select(e => e.Detail));
        Assert.Equal("officer@example.gov.uk", schemes[0].Actor);
        var scheme = schemes[1];
        Assert.EndsWith("(outturn command)", scheme.Actor, StringComparison.Ordinal);
    }
}
