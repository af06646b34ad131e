using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Framework;

namespace Outturn.Data.Storage;

/// <summary>Writes an organisation as the interchange format's two tables (measures.csv and values.csv),
/// so that importing them into an empty database gives the same evaluations.</summary>
public sealed class Exporter(OutturnDbContext db)
{
    public async Task<(int Items, int Values)> ExportAsync(
        Organisation org,
        string directory,
        CancellationToken ct = default
    )
    {
        Directory.CreateDirectory(directory);
        var items = await db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Where(i => i.OrganisationId == org.Id)
            .OrderBy(i => i.SortOrder)
            .ToListAsync(ct);

        await using (var measures = new CsvText(Path.Combine(directory, "measures.csv")))
        {
            WriteRow(measures, Columns.Measures);
            foreach (var i in items)
            {
                WriteRow(measures, MeasureCells(i));
            }
        }

        var refs = items.ToDictionary(i => i.Id, i => i.Ref);
        var count = 0;
        await using (var values = new CsvText(Path.Combine(directory, "values.csv")))
        {
            WriteRow(values, Columns.Values);
            var ids = refs.Keys.ToList();
            var query = db
                .Entries.AsNoTracking()
                .Where(e => ids.Contains(e.ItemId))
                .OrderBy(e => e.ItemId)
                .ThenBy(e => e.PeriodEnd)
                .ThenBy(e => e.PeriodStart);
            await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                WriteRow(values, Cells(refs[e.ItemId], e));
                count++;
            }
        }

        return (items.Count, count);
    }

    /// <summary>Each column of the measures table, by name, with how an item's cell is written (theme, priority and
    /// committees loaded).</summary>
    private static readonly Dictionary<string, Func<Item, string?>> MeasureFields = new()
    {
        ["ref"] = i => i.Ref,
        ["title"] = i => i.Title,
        ["kind"] = i => Codes.Of(i.Kind),
        ["priority"] = i => i.Theme?.Priority?.Name,
        ["theme"] = i => i.Theme?.Name,
        ["theme_note"] = i => i.Theme?.Note,
        ["committees"] = i =>
            string.Join(";", i.Committees.OrderBy(c => c.Committee!.SortOrder).Select(c => c.Committee!.Name)),
        ["unit"] = i => Codes.Of(i.Unit),
        ["unit_label"] = i => i.UnitLabel,
        ["rate_per"] = i => i.RatePer?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["decimals"] = i => i.Decimals?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["polarity"] = i => Codes.Of(i.Polarity),
        ["frequency"] = i => Codes.Of(i.Frequency),
        ["aggregation"] = i => Codes.Of(i.Aggregation),
        ["target_profile"] = i => i.TargetProfile,
        ["owner"] = i => i.Owner,
        ["deadline"] = i => i.Deadline,
        ["description"] = i => i.Description,
        ["tags"] = i => i.Tags,
        ["amber_tolerance"] = i => i.AmberTolerance,
        ["blue_margin"] = i => i.BlueMargin,
        ["direction_style"] = i => i.DirectionStyle,
        ["direction_method"] = i => i.DirectionMethod,
        ["spc_fix_after"] = i => i.SpcFixAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["spc_screen"] = i => i.SpcScreenOutliers ? "yes" : null,
        ["rate_by_significance"] = i => i.RateBySignificance,
        ["footnote"] = i => i.Footnote,
        ["benchmark_metric"] = i => i.BenchmarkMetric,
    };

    private static readonly Func<Item, string?>[] MeasureWriters =
    [
        .. Columns.Measures.Select(c =>
            MeasureFields.TryGetValue(c, out var cell)
                ? cell
                : throw new InvalidOperationException($"The measures column '{c}' has no field in the export.")
        ),
    ];

    /// <summary>An item as a row of the measures table, in <see cref="Columns.Measures"/> order, each cell by its
    /// column's name (theme, priority and committees loaded).</summary>
    public static string?[] MeasureCells(Item i) => [.. MeasureWriters.Select(cell => cell(i))];

    /// <summary>An entry as a row of the values table, in <see cref="Columns.Values"/> order.</summary>
    /// <summary>An entry's row of the values table, in <see cref="Columns.Values"/>'s order: each field's text as
    /// <see cref="EntryFields"/> writes it, by its column's name.</summary>
    public static string?[] Cells(string reference, Entry e)
    {
        var cells = new string?[ValueCells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = ValueCells[i](reference, e);
        }

        return cells;
    }

    private static readonly Func<string, Entry, string?>[] ValueCells = [.. Columns.Values.Select(CellOf)];

    private static Func<string, Entry, string?> CellOf(string column) =>
        column switch
        {
            "ref" => (reference, _) => reference,
            "period" => (_, e) => e.Period,
            // The values table gives a missing figure's reason in a column of its own; history's text of the value says
            // both.
            "value" => (_, e) => EntryFields.ValueCell(e),
            "missing_reason" => (_, e) => EntryFields.MissingReasonCell(e),
            _ => FieldCell(EntryFields.All.Single(f => f.Name == column).Describe),
        };

    private static Func<string, Entry, string?> FieldCell(Func<Entry, string?> describe) => (_, e) => describe(e);

    private static void WriteRow(CsvText writer, IReadOnlyList<string?> cells) => writer.WriteRow(cells);
}
