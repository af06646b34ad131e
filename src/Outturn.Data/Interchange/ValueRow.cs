using Outturn.Data.Entities;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Data.Interchange;

/// <summary>A validated row of the values table: the entry it describes, and which of its fields the file
/// sets.</summary>
public sealed record ValueRow(string Source, int Row, string RefKey, Period Period, Entry Entry, EntryField Present);

/// <summary>Reads and checks values rows one at a time, handing each good row on as soon as it is read, so
/// that a million-row file is written while it is still being read and never held in memory whole.</summary>
internal sealed class ValueRowParser(IReadOnlyDictionary<string, ItemShape> items, List<ImportError> errors)
{
    // Each ref and period once across all files: by item ordinal, then period, remembering where it was first seen.
    // One small table per item rather than one large one: rows come grouped by item, so the table in use stays in the
    // processor's cache, where a million keys in one table cost a cache miss each (docs/benchmarks.md).
    private readonly Dictionary<int, Dictionary<int, (string Source, int Row)>> _seen = [];
    private Dictionary<int, (string Source, int Row)>? _seenForItem;
    private int _seenItem = -1;
    private readonly Dictionary<string, (Period Period, string Text)?> _periods = new(StringComparer.OrdinalIgnoreCase);

    public void Parse(RawTable table, Dictionary<string, int> map, Action<ValueRow> accept)
    {
        var cells = new CellReader(table.Source, map, errors);
        var present = PresentFields(cells);
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var reference = cells.Required("ref");
            ItemShape? item = null;
            var key = reference is null ? null : Item.KeyOf(reference);
            if (key is not null && !items.TryGetValue(key, out item))
            {
                cells.Error(
                    "ref",
                    reference,
                    "the ref of a measure or action in the measures table or already in the organisation"
                );
            }

            var period = ReadPeriod(cells);
            var entry = new Entry { Period = period?.Text ?? "", UpdatedBy = "" };
            if (item is not null)
            {
                ReadFields(cells, item, entry);
            }

            if (period is { Period: var p } && item is not null)
            {
                var seen = SeenFor(item.Ordinal);
                var seenKey = ((int)p.Kind * 100_000) + p.StartMonth;
                if (!seen.TryAdd(seenKey, (table.Source, raw.Number)))
                {
                    var first = seen[seenKey];
                    cells.Error(
                        "period",
                        p.ToString(),
                        $"one row per ref and period: {reference} {p} is also on {first.Source} row {first.Row}"
                    );
                }
            }

            if (cells.ErrorCount == 0 && key is not null && period is { Period: var ok })
            {
                entry.PeriodKind = (int)ok.Kind;
                entry.PeriodStart = ok.StartMonth;
                entry.PeriodEnd = ok.EndMonth;
                // A value worked out from numerator and denominator is given by the row, though the table has no value
                // column: it updates a stored value as a value cell would.
                var given = entry.ValueKind is not null ? present | EntryField.Value : present;
                accept(new ValueRow(table.Source, raw.Number, key, ok, entry, given));
            }
        }
    }

    private Dictionary<int, (string Source, int Row)> SeenFor(int ordinal)
    {
        if (ordinal != _seenItem)
        {
            if (!_seen.TryGetValue(ordinal, out _seenForItem))
            {
                _seen[ordinal] = _seenForItem = [];
            }

            _seenItem = ordinal;
        }

        return _seenForItem!;
    }

    private static EntryField PresentFields(CellReader cells)
    {
        var present = EntryField.None;
        foreach (var field in EntryFields.All)
        {
            if (cells.Has(field.Name))
            {
                present |= field.Flag;
            }
        }

        // A missing reason is part of the value: either column sets both.
        return cells.Has("missing_reason") ? present | EntryField.Value : present;
    }

    /// <summary>The period and its canonical text, each distinct text parsed once.</summary>
    private (Period Period, string Text)? ReadPeriod(CellReader cells)
    {
        var text = cells.Required("period");
        if (text is null)
        {
            return null;
        }

        if (!_periods.TryGetValue(text, out var period))
        {
            period = Period.TryParse(text, out var p, out _) ? (p, p.ToString()) : null;
            _periods[text] = period;
        }

        if (period is null)
        {
            cells.Error("period", text, Period.ExpectedForms);
        }

        return period;
    }

    private static void ReadFields(CellReader cells, ItemShape item, Entry entry)
    {
        var isAction = item.Kind == ItemKind.Action;
        var valueText = cells.Text("value");
        var missing = cells.Code<MissingReason>("missing_reason");
        if (valueText is not null && isAction)
        {
            cells.Error("value", valueText, "no value for an action: give its status instead");
        }
        else if (valueText is not null && missing is not null)
        {
            cells.Error("missing_reason", Codes.Of(missing.Value), "no missing reason when a value is given");
        }
        else if (valueText is not null)
        {
            ReadValue(cells, item, valueText, entry);
        }
        else if (missing is { } reason)
        {
            entry.ValueKind = (int)OutturnKind.Missing;
            entry.MissingReason = (int)reason;
        }

        var status = cells.Code<ActionStatus>("status");
        if (status is not null && !isAction)
        {
            cells.Error("status", cells.Text("status"), "no status for a measure: status is for actions");
        }

        entry.Status = (int?)status;
        entry.Qualifier = (int?)cells.Code<Qualifier>("qualifier");
        ReadTarget(cells, item, entry);
        entry.BenchmarkNational = cells.Number("benchmark_national");
        entry.BenchmarkRegional = cells.Number("benchmark_regional");
        entry.BenchmarkNeighbours = cells.Number("benchmark_neighbours");
        entry.SecondValue = cells.Number("second_value");
        entry.Numerator = cells.Number("numerator");
        entry.Denominator = cells.Number("denominator");
        if (entry.Denominator == 0)
        {
            cells.Error("denominator", "0", "a denominator other than zero");
        }
        else if (entry.ValueKind is null && entry.Numerator is { } n && entry.Denominator is { } d && !isAction)
        {
            // 10 of 63 → 15.9%: the value follows from its parts when it is not given.
            var scale = item.Unit switch
            {
                Unit.Percentage => 100m,
                Unit.Rate => item.RatePer ?? 1000,
                _ => 1m,
            };
            entry.ValueKind = (int)OutturnKind.Number;
            // Without trailing zeros (10 of 40 is 25, not 25.00): a worked-out figure has no places of its own.
            entry.ValueNumber =
                Math.Round(n / d * scale, 6, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;
        }

        if (cells.Text("breakdown") is { } breakdown)
        {
            if (Breakdown.TryParse(breakdown, out var parsed, out var error))
            {
                entry.Breakdown = parsed.ToString();
            }
            else
            {
                cells.Error(
                    "breakdown",
                    breakdown,
                    $"label=number pairs separated by ';', such as B&B=128;SMG=57 ({error})"
                );
            }
        }

        if (cells.Text("table") is { } table)
        {
            if (TwoWayTable.TryParse(table, out var parsed, out var error))
            {
                entry.TwoWayTable = parsed.ToString();
            }
            else
            {
                cells.Error(
                    "table",
                    table,
                    "a two-way table as CSV: a heading row, then rows as wide, each starting with its heading "
                        + $"({error})"
                );
            }
        }

        entry.ValueNote = cells.Limited("value_note", 500);
        entry.NoNewData = cells.Flag("no_new_data") ?? false;
        foreach (var plain in Storage.EntryColumns.PlainText)
        {
            plain.SetText!(entry, cells.Text(plain.Interchange!));
        }

        entry.RagOverride = (int?)cells.Code<Domain.Rating.Rag>("rag_override");
        entry.DotOverride = (int?)cells.Code<Domain.Rating.Direction>("dot_override");
        if ((entry.RagOverride is not null || entry.DotOverride is not null) && entry.OverrideReason is null)
        {
            cells.Error("override_reason", null, "a reason for the manual rating or direction");
        }
    }

    private static void ReadValue(CellReader cells, ItemShape item, string text, Entry entry)
    {
        // The same rule as the entry form's: a figure (kept as written where that says more, "£2.0m"), words without
        // figures as a text outturn, and a mistyped figure ("12,3.4") an error rather than a silent text outturn.
        if (!OutturnText.TrySet(text, item.Unit, entry))
        {
            cells.Error("value", text, OutturnText.Expected);
        }
    }

    private static void ReadTarget(CellReader cells, ItemShape item, Entry entry)
    {
        var text = cells.Text("target");
        if (text is null)
        {
            return;
        }

        if (item.Kind == ItemKind.Action)
        {
            cells.Error("target", text, "no target for an action");
            return;
        }

        if (!OutturnText.TrySetTarget(text, entry, item.Unit))
        {
            cells.Error("target", text, OutturnText.ExpectedTarget);
        }
    }
}
