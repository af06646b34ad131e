namespace Outturn.Data.Interchange;

/// <summary>The interchange format's columns: a public contract, documented in docs/import-format.md.</summary>
public static class Columns
{
    public static readonly IReadOnlyList<string> Measures =
    [
        "ref",
        "title",
        "kind",
        "priority",
        "theme",
        "theme_note",
        "committees",
        "unit",
        "unit_label",
        "rate_per",
        "decimals",
        "polarity",
        "frequency",
        "aggregation",
        "target_profile",
        "owner",
        "deadline",
        "description",
        "tags",
        "amber_tolerance",
        "blue_margin",
        "direction_style",
        "direction_method",
        "spc_fix_after",
        "spc_screen",
        "rate_by_significance",
        "footnote",
        "benchmark_metric",
    ];

    /// <summary>The values table's columns named here, in their order.</summary>
    private static readonly string[] NamedValues =
    [
        "ref",
        "period",
        "value",
        "second_value",
        "status",
        "qualifier",
        "target",
        "numerator",
        "denominator",
        "breakdown",
        "table",
        "value_note",
        "no_new_data",
        "commentary",
        "corrective_action",
        "rag_override",
        "override_reason",
        "dot_override",
        "missing_reason",
        "benchmark_national",
        "benchmark_regional",
        "benchmark_neighbours",
    ];

    /// <summary>The values table's columns: those named above, then any plain text field of the entry's description
    /// (<see cref="Storage.EntryColumns.PlainText"/>) not named there.</summary>
    public static readonly IReadOnlyList<string> Values =
    [
        .. NamedValues,
        .. Storage.EntryColumns.PlainText.Select(c => c.Interchange!).Where(name => !NamedValues.Contains(name)),
    ];

    public static IReadOnlyList<string> Required(TableKind kind) =>
        kind == TableKind.Measures ? ["ref", "title"] : ["ref", "period"];

    public static IReadOnlyList<string> Of(TableKind kind) => kind == TableKind.Measures ? Measures : Values;

    /// <summary>Maps each known column to its position in <paramref name="table"/>'s header, reporting unknown,
    /// repeated and missing required columns.</summary>
    public static Dictionary<string, int>? Map(RawTable table, List<ImportError> errors)
    {
        var known = Of(table.Kind);
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var header = table.Headers[i].Trim().TrimStart('\uFEFF');
            if (!known.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(
                    new ImportError(
                        table.Source,
                        1,
                        header,
                        header,
                        $"a known {table.Kind.ToString().ToLowerInvariant()} column: {string.Join(", ", known)}"
                    )
                );
                ok = false;
            }
            else if (!map.TryAdd(header, i))
            {
                errors.Add(new ImportError(table.Source, 1, header, header, "each column once"));
                ok = false;
            }
        }

        foreach (var required in Required(table.Kind).Where(r => !map.ContainsKey(r)))
        {
            errors.Add(new ImportError(table.Source, 1, required, null, $"a '{required}' column, which is required"));
            ok = false;
        }

        return ok ? map : null;
    }
}
