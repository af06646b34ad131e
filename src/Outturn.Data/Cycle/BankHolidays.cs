using System.Globalization;
using Outturn.Domain.Cycle;

namespace Outturn.Data.Cycle;

/// <summary>The UK's bank holidays as shipped with Outturn (<c>bank-holidays.csv</c>, written by
/// <c>tools/make_bank_holidays.py</c> from the rules and the one-off changes gov.uk lists), by region.</summary>
public static class BankHolidays
{
    private static readonly Lazy<IReadOnlyList<(HolidayRegion Region, DateOnly Date, string Name)>> Shipped = new(Read);

    /// <summary>The shipped holidays of <paramref name="region"/>, oldest first.</summary>
    public static IEnumerable<(DateOnly Date, string Name)> Of(HolidayRegion region) =>
        Shipped.Value.Where(h => h.Region == region).Select(h => (h.Date, h.Name));

    /// <summary>The first and last years the shipped data covers.</summary>
    public static (int First, int Last) Years => (Shipped.Value[0].Date.Year, Shipped.Value.Max(h => h.Date.Year));

    private static List<(HolidayRegion, DateOnly, string)> Read()
    {
        using var stream =
            typeof(BankHolidays).Assembly.GetManifestResourceStream("Outturn.Data.Cycle.bank-holidays.csv")
            ?? throw new InvalidOperationException("The bank holidays are missing from the build.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine();
        if (header != "region,date,name")
        {
            throw new InvalidOperationException($"bank-holidays.csv: unexpected header '{header}'.");
        }

        var list = new List<(HolidayRegion, DateOnly, string)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var parts = line.Split(',', 3);
            if (
                parts.Length != 3
                || !HolidayRegions.TryParse(parts[0], out var region)
                || !DateOnly.TryParseExact(
                    parts[1],
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var date
                )
            )
            {
                throw new InvalidOperationException($"bank-holidays.csv: cannot read '{line}'.");
            }

            list.Add((region, date, parts[2].Trim('"')));
        }

        return list;
    }
}
