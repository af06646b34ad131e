using Sylvan.Data.Csv;

namespace Outturn.Testing;

/// <summary>A CSV file's rows as column name → text, read by a real CSV reader (quoted cells may hold commas and line
/// breaks).</summary>
public static class CsvRows
{
    public static List<Dictionary<string, string>> Parse(string text)
    {
        using var reader = CsvDataReader.Create(
            new StringReader(text.TrimStart('\uFEFF')),
            new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' }
        );
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
