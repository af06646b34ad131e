using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sylvan.Data.Csv;

namespace Outturn.Data.Interchange;

/// <summary>Reads interchange tables from CSV files (UTF-8, with or without BOM) and .xlsx workbooks
/// (sheets named <c>measures</c> and <c>values</c>).</summary>
public static class TableReader
{
    /// <summary>Opens every table in <paramref name="path"/>; a problem with the file itself is reported as an error.</summary>
    public static IReadOnlyList<RawTable> Open(string path, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            errors.Add(new ImportError(name, 0, null, path, "the file does not exist"));
            return [];
        }

        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => OpenCsv(path, name, errors),
                ".xlsx" => OpenWorkbook(path, name, errors),
                _ => Unsupported(name, errors),
            };
        }
        catch (Exception ex) when (ex is IOException or OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            errors.Add(new ImportError(name, 0, null, null, $"the file cannot be read: {ex.Message}"));
            return [];
        }
    }

    private static List<RawTable> Unsupported(string name, List<ImportError> errors)
    {
        errors.Add(new ImportError(name, 0, null, null, "expected a .csv file or an .xlsx workbook"));
        return [];
    }

    private static List<RawTable> OpenCsv(string path, string name, List<ImportError> errors)
    {
        string[] headers;
        using (var probe = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true }))
        {
            headers = [.. Enumerable.Range(0, probe.FieldCount).Select(i => probe.GetName(i).Trim())];
        }

        var kind = KindOf(headers, name);
        if (kind is null)
        {
            errors.Add(new ImportError(name, 1, null, string.Join(",", headers),
                "a header row naming the columns: a measures table has 'ref' and 'title', a values table has 'ref' and 'period'"));
            return [];
        }

        return [new RawTable(name, kind.Value, headers, ReadCsv(path, headers.Length))];
    }

    private static IEnumerable<RawRow> ReadCsv(string path, int width)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        var number = 1;
        var pool = new StringPool();
        while (csv.Read())
        {
            number++;
            var count = Math.Max(width, csv.RowFieldCount);
            var cells = new string?[count];
            for (var i = 0; i < csv.RowFieldCount && i < count; i++)
            {
                var span = csv.GetFieldSpan(i).Trim();
                cells[i] = span.IsEmpty ? null : pool.Get(span);
            }

            if (Array.TrueForAll(cells, c => c is null))
            {
                continue;
            }

            yield return new RawRow(number, cells);
        }
    }

    private static TableKind? KindOf(IReadOnlyList<string> headers, string name)
    {
        bool Has(string column) => headers.Any(h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (Has("ref") && Has("period"))
        {
            return TableKind.Values;
        }

        if (Has("ref") && Has("title"))
        {
            return TableKind.Measures;
        }

        return name.Contains("measure", StringComparison.OrdinalIgnoreCase) ? TableKind.Measures
            : name.Contains("value", StringComparison.OrdinalIgnoreCase) ? TableKind.Values : null;
    }

    private static List<RawTable> OpenWorkbook(string path, string name, List<ImportError> errors)
    {
        var tables = new List<RawTable>();
        using var doc = SpreadsheetDocument.Open(path, false);
        var book = doc.WorkbookPart ?? throw new InvalidDataException("the workbook has no sheets");
        var sharedStrings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var sheetName = sheet.Name?.Value?.Trim() ?? "";
            TableKind? kind = sheetName.ToLowerInvariant() switch { "measures" => TableKind.Measures, "values" => TableKind.Values, _ => null };
            if (kind is null)
            {
                continue;
            }

            var part = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
            var rows = ReadSheet(part, sharedStrings).ToList();
            var source = $"{name} [{sheetName}]";
            if (rows.Count == 0)
            {
                errors.Add(new ImportError(source, 1, null, null, "a header row naming the columns"));
                continue;
            }

            var headers = rows[0].Cells.Select(c => c?.Trim() ?? "").ToArray();
            var width = headers.Length;
            tables.Add(new RawTable(source, kind.Value, headers, rows.Skip(1).Select(r => r with { Cells = Fit(r.Cells, width) })));
        }

        if (tables.Count == 0)
        {
            errors.Add(new ImportError(name, 0, null, null, "a workbook with a sheet named 'measures' or 'values'"));
        }

        return tables;
    }

    private static string?[] Fit(string?[] cells, int width) => cells.Length >= width ? cells : [.. cells, .. new string?[width - cells.Length]];

    private static IEnumerable<RawRow> ReadSheet(WorksheetPart part, string[] sharedStrings)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int)(row.RowIndex?.Value ?? 0);
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(CellText(cell, sharedStrings));
            }

            if (cells.Exists(c => c is not null))
            {
                yield return new RawRow(number, [.. cells]);
            }
        }
    }

    private static string? CellText(Cell cell, string[] sharedStrings)
    {
        var raw = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }

        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Length)
        {
            raw = sharedStrings[index];
        }
        else if (cell.DataType?.Value == CellValues.Boolean)
        {
            raw = raw == "1" ? "true" : "false";
        }
        else if ((cell.DataType is null || cell.DataType.Value == CellValues.Number)
                 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Excel keeps binary doubles: 0.1+0.2 is stored as 0.30000000000000004. Fifteen significant
            // digits is what Excel itself shows, so the figure the officer typed comes back.
            raw = ((decimal)double.Parse(number.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        }

        raw = raw.Trim();
        return raw.Length == 0 ? null : raw;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
