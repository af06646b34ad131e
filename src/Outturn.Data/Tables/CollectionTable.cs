using System.Globalization;
using Outturn.Data.Cycle;
using Outturn.Domain.Cycle;

namespace Outturn.Data.Tables;

/// <summary>A collection round as a table: one row per figure due, for the CLI's <c>outturn due</c>, the API and
/// the CSV download.</summary>
public static class CollectionTable
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "ref",
        "kind",
        "period",
        "owner",
        "owner_email",
        "due_date",
        "state",
        "days_overdue",
        "reason",
    ];

    public static TextTable Of(IEnumerable<CollectionRow> rows) =>
        new(
            Columns,
            [
                .. rows.Select(r =>
                    new string?[]
                    {
                        r.Item.Ref,
                        Domain.Framework.Codes.Of(r.Item.Kind),
                        r.Period.ToString(),
                        r.Owner,
                        r.OwnerEmail,
                        r.Standing.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        r.Standing.State.Code(),
                        r.Standing.DaysOverdue.ToString(CultureInfo.InvariantCulture),
                        r.Latest is { Step: CollectionStep.Returned, Reason: { } why } ? why : r.Standing.Reason,
                    }
                ),
            ]
        );
}
