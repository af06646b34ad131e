using System.Text.Json;
using Outturn.Data.Interchange;

namespace Outturn.Web.Api;

/// <summary>
/// Turns a write request's JSON (<c>{"values": [{"ref": …, "period": …}, …]}</c>) into values tables for the
/// importer, so that the API checks and stores exactly as a file import does. Rows that name the same fields
/// make one table: a field left out of a row leaves the stored field as it is, while null clears it.
/// </summary>
public static class ValuesRequest
{
    /// <summary>The most rows one request may carry.</summary>
    public const int MaxRows = 50_000;

    public static IReadOnlyList<RawTable> Read(JsonElement body, string source, List<ImportError> errors)
    {
        if (
            body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("values", out var values)
            || values.ValueKind != JsonValueKind.Array
        )
        {
            errors.Add(new ImportError(source, 0, "values", null, "a JSON object with a \"values\" array of rows"));
            return [];
        }

        if (values.GetArrayLength() > MaxRows)
        {
            errors.Add(
                new ImportError(
                    source,
                    0,
                    "values",
                    values.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"at most {MaxRows:N0} rows in one request"
                )
            );
            return [];
        }

        var groups = new Dictionary<string, (List<string> Headers, List<RawRow> Rows)>(StringComparer.Ordinal);
        var order = new List<string>();
        var index = 0;
        foreach (var row in values.EnumerateArray())
        {
            var number = ++index;
            if (row.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ImportError(source, number, null, null, "each row a JSON object of values fields"));
                continue;
            }

            var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ref"] = null,
                ["period"] = null,
            };
            var ok = true;
            foreach (var property in row.EnumerateObject())
            {
                if (!Columns.Values.Contains(property.Name, StringComparer.Ordinal))
                {
                    errors.Add(
                        new ImportError(
                            source,
                            number,
                            property.Name,
                            property.Name,
                            $"a values field: {string.Join(", ", Columns.Values)}"
                        )
                    );
                    ok = false;
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        var text = property.Value.GetString() is { Length: > 0 } s ? s : null;
                        if (text is not null && TableLimits.ProblemWith(text) is { } problem)
                        {
                            // Word and Excel cannot carry a control character: refused here, so that no report fails
                            // later.
                            errors.Add(new ImportError(source, number, property.Name, null, problem));
                            ok = false;
                        }

                        fields[property.Name] = text;
                        break;
                    case JsonValueKind.Number:
                        fields[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        fields[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        fields[property.Name] = null;
                        break;
                    default:
                        errors.Add(
                            new ImportError(
                                source,
                                number,
                                property.Name,
                                property.Value.GetRawText(),
                                "text, a number, true, false or null"
                            )
                        );
                        ok = false;
                        break;
                }
            }

            if (!ok)
            {
                continue;
            }

            var key = string.Join(',', fields.Keys);
            if (!groups.TryGetValue(key, out var group))
            {
                group = ([.. fields.Keys], []);
                groups[key] = group;
                order.Add(key);
            }

            group.Rows.Add(new RawRow(number, [.. fields.Values]));
        }

        if (index == 0)
        {
            errors.Add(new ImportError(source, 0, "values", "[]", "at least one row"));
        }

        return [.. order.Select(k => new RawTable(source, TableKind.Values, groups[k].Headers, groups[k].Rows))];
    }
}
