using System.Globalization;
using Outturn.Data.Entities;
using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Data.Interchange;

/// <summary>The recorded fields of an entry, each named as its interchange column.</summary>
[Flags]
public enum EntryField
{
    None = 0,
    Value = 1 << 0,
    Status = 1 << 1,
    Qualifier = 1 << 2,
    Target = 1 << 3,
    Numerator = 1 << 4,
    Denominator = 1 << 5,
    Breakdown = 1 << 6,
    ValueNote = 1 << 7,
    NoNewData = 1 << 8,
    Commentary = 1 << 9,
    CorrectiveAction = 1 << 10,
    RagOverride = 1 << 11,
    OverrideReason = 1 << 12,
    DotOverride = 1 << 13,
    BenchmarkNational = 1 << 14,
    BenchmarkRegional = 1 << 15,
    BenchmarkNeighbours = 1 << 16,
    SecondValue = 1 << 17,
    Table = 1 << 18,
}

/// <summary>
/// How each field of an <see cref="Entry"/> is written as text (for export and for change history) and copied
/// from an imported row. One table of fields, so that import, export and history can never disagree.
/// </summary>
public static class EntryFields
{
    /// <param name="Same">Whether two entries hold the same stored values for this field: exactly what
    /// <paramref name="Copy"/> copies, so entries it calls the same are described the same. A quick check before
    /// describing both (a re-import compares a million rows, nearly all unchanged).</param>
    public sealed record Field(
        EntryField Flag,
        string Name,
        Func<Entry, string?> Describe,
        Action<Entry, Entry> Copy,
        Func<Entry, Entry, bool> Same
    );

    public static IReadOnlyList<Field> All => Fields;

    /// <summary>Whether an entry holds anything at all: a row giving only a ref and a period (a line of a template
    /// left blank) holds nothing.</summary>
    public static bool IsBlank(Entry e) => Array.TrueForAll(Fields, f => string.IsNullOrEmpty(f.Describe(e)));

    /// <summary>The field's text, as export and history write it.</summary>
    public static string? Describe(EntryField flag, Entry e) => Fields.First(f => f.Flag == flag).Describe(e);

    private static readonly Field[] Special =
    [
        new(
            EntryField.Value,
            "value",
            DescribeValue,
            (from, to) =>
            {
                to.ValueKind = from.ValueKind;
                to.ValueNumber = from.ValueNumber;
                to.ValueText = from.ValueText;
                to.MissingReason = from.MissingReason;
            },
            (a, b) =>
                a.ValueKind == b.ValueKind
                && Exactly(a.ValueNumber, b.ValueNumber)
                && a.ValueText == b.ValueText
                && a.MissingReason == b.MissingReason
        ),
        new(
            EntryField.Status,
            "status",
            e => Code<ActionStatus>(e.Status),
            (f, t) => t.Status = f.Status,
            (a, b) => a.Status == b.Status
        ),
        new(
            EntryField.Qualifier,
            "qualifier",
            e => Code<Qualifier>(e.Qualifier),
            (f, t) => t.Qualifier = f.Qualifier,
            (a, b) => a.Qualifier == b.Qualifier
        ),
        new(
            EntryField.Target,
            "target",
            DescribeTarget,
            (f, t) => (t.TargetKind, t.TargetValue, t.TargetText) = (f.TargetKind, f.TargetValue, f.TargetText),
            (a, b) =>
                a.TargetKind == b.TargetKind && Exactly(a.TargetValue, b.TargetValue) && a.TargetText == b.TargetText
        ),
        new(
            EntryField.Numerator,
            "numerator",
            e => Number(e.Numerator),
            (f, t) => t.Numerator = f.Numerator,
            (a, b) => Exactly(a.Numerator, b.Numerator)
        ),
        new(
            EntryField.Denominator,
            "denominator",
            e => Number(e.Denominator),
            (f, t) => t.Denominator = f.Denominator,
            (a, b) => Exactly(a.Denominator, b.Denominator)
        ),
        new(
            EntryField.Breakdown,
            "breakdown",
            e => e.Breakdown,
            (f, t) => t.Breakdown = f.Breakdown,
            (a, b) => a.Breakdown == b.Breakdown
        ),
        new(
            EntryField.Table,
            "table",
            e => e.TwoWayTable,
            (f, t) => t.TwoWayTable = f.TwoWayTable,
            (a, b) => a.TwoWayTable == b.TwoWayTable
        ),
        new(
            EntryField.ValueNote,
            "value_note",
            e => e.ValueNote,
            (f, t) => t.ValueNote = f.ValueNote,
            (a, b) => a.ValueNote == b.ValueNote
        ),
        new(
            EntryField.NoNewData,
            "no_new_data",
            e => e.NoNewData ? "true" : null,
            (f, t) => t.NoNewData = f.NoNewData,
            (a, b) => a.NoNewData == b.NoNewData
        ),
        new(
            EntryField.RagOverride,
            "rag_override",
            e => Code<Rag>(e.RagOverride),
            (f, t) => t.RagOverride = f.RagOverride,
            (a, b) => a.RagOverride == b.RagOverride
        ),
        new(
            EntryField.DotOverride,
            "dot_override",
            e => Code<Direction>(e.DotOverride),
            (f, t) => t.DotOverride = f.DotOverride,
            (a, b) => a.DotOverride == b.DotOverride
        ),
        new(
            EntryField.BenchmarkNational,
            "benchmark_national",
            e => Number(e.BenchmarkNational),
            (f, t) => t.BenchmarkNational = f.BenchmarkNational,
            (a, b) => Exactly(a.BenchmarkNational, b.BenchmarkNational)
        ),
        new(
            EntryField.BenchmarkRegional,
            "benchmark_regional",
            e => Number(e.BenchmarkRegional),
            (f, t) => t.BenchmarkRegional = f.BenchmarkRegional,
            (a, b) => Exactly(a.BenchmarkRegional, b.BenchmarkRegional)
        ),
        new(
            EntryField.BenchmarkNeighbours,
            "benchmark_neighbours",
            e => Number(e.BenchmarkNeighbours),
            (f, t) => t.BenchmarkNeighbours = f.BenchmarkNeighbours,
            (a, b) => Exactly(a.BenchmarkNeighbours, b.BenchmarkNeighbours)
        ),
        new(
            EntryField.SecondValue,
            "second_value",
            e => Number(e.SecondValue),
            (f, t) => t.SecondValue = f.SecondValue,
            (a, b) => Exactly(a.SecondValue, b.SecondValue)
        ),
    ];

    /// <summary>The first flag <see cref="EntryField"/> does not name, for plain text fields it has no name
    /// for.</summary>
    private static readonly int FirstFreeBit = 1 + (int)Math.Log2((int)Enum.GetValues<EntryField>().Max());

    /// <summary>The fields in the values table's order: those read and checked in a way of their own (above), and the
    /// plain text fields of <see cref="Storage.EntryColumns.PlainText"/>, carried as they are.</summary>
    private static readonly Field[] Fields = InTableOrder();

    private static Field[] InTableOrder()
    {
        var special = Special.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var unnamed = 0;
        var plain = Storage
            .EntryColumns.PlainText.Select(c =>
                Plain(
                    c,
                    Enum.TryParse<EntryField>(c.Property.Name, out var named)
                        ? named
                        : (EntryField)(1 << (FirstFreeBit + unnamed++))
                )
            )
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        return
        [
            .. Columns
                .Values.Select(name => special.GetValueOrDefault(name) ?? plain.GetValueOrDefault(name))
                .OfType<Field>(),
        ];
    }

    /// <summary>A plain text field: read, written, copied and compared as its text.</summary>
    private static Field Plain(Storage.EntryColumn column, EntryField flag)
    {
        var get = column.GetText!;
        var set = column.SetText!;
        return new Field(
            flag,
            column.Interchange!,
            get,
            (from, to) => set(to, get(from)),
            (a, b) => string.Equals(get(a), get(b), StringComparison.Ordinal)
        );
    }

    /// <summary>Whether <paramref name="row"/> holds, in every one of its <paramref name="present"/> fields, what
    /// <paramref name="stored"/> holds: importing it would change nothing.</summary>
    public static bool SameAsStored(Entry row, Entry stored, EntryField present)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if ((present & Fields[i].Flag) != 0 && !Fields[i].Same(row, stored))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value as history shows it: <c>83</c>, the text outturn, or <c>missing: not_collected</c>.</summary>
    public static string? DescribeValue(Entry e) =>
        (OutturnKind?)e.ValueKind switch
        {
            OutturnKind.Number => e.ValueText ?? Number(e.ValueNumber),
            OutturnKind.Text => e.ValueText,
            OutturnKind.Missing => "missing: " + Code<MissingReason>(e.MissingReason),
            _ => null,
        };

    /// <summary>The value column of the interchange format (a number or a text outturn; empty when missing).</summary>
    public static string? ValueCell(Entry e) =>
        (OutturnKind?)e.ValueKind switch
        {
            OutturnKind.Number => e.ValueText ?? Number(e.ValueNumber),
            OutturnKind.Text => e.ValueText,
            _ => null,
        };

    public static string? MissingReasonCell(Entry e) =>
        e.ValueKind == (int)OutturnKind.Missing ? Code<MissingReason>(e.MissingReason) : null;

    public static string? DescribeTarget(Entry e) =>
        (TargetKind?)e.TargetKind switch
        {
            TargetKind.Number => e.TargetText ?? Number(e.TargetValue),
            TargetKind.NoTarget => "none",
            TargetKind.ToBeConfirmed => "tbc",
            TargetKind.Comparator => e.TargetText,
            _ => null,
        };

    /// <summary>A number exactly as it was entered: 83, 21.38, 8.0 (the places are part of the figure: reports print
    /// 8.0% as 8.0%).</summary>
    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same figure written the same way: 8 and 8.0 differ, since they print differently.</summary>
    public static bool Exactly(decimal? a, decimal? b) => a == b && (a is not { } x || x.Scale == b!.Value.Scale);

    private static string? Code<T>(int? value)
        where T : struct, Enum => value is { } v ? Codes.Of((T)Enum.ToObject(typeof(T), v)) : null;

    /// <summary>Copies the <paramref name="present"/> fields of <paramref name="from"/> onto <paramref
    /// name="to"/>.</summary>
    public static void CopyPresent(Entry from, Entry to, EntryField present)
    {
        foreach (var field in All)
        {
            if ((present & field.Flag) != 0)
            {
                field.Copy(from, to);
            }
        }
    }
}
