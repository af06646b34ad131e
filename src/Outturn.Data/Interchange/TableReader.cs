using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sylvan.Data.Csv;

namespace Outturn.Data.Interchange;

/// <summary>Reads interchange tables from CSV files (UTF-8 with or without BOM, or Excel's Windows-1252) and .xlsx
/// workbooks (sheets named <c>measures</c> and <c>values</c>). Every problem with a file — its encoding, its
/// separator, a broken quote, a short or long row, a control character, a size past <see cref="TableLimits"/> — is an
/// error naming the file and row; no row is dropped or cut short without one.</summary>
public static class TableReader
{
    /// <summary>Opens every table in <paramref name="path"/>; a problem with the file itself is reported as an
    /// error.</summary>
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
        catch (WorkbookException ex)
        {
            errors.Add(new ImportError(ex.Source ?? name, ex.Row, null, null, ex.Message));
            return [];
        }
        catch (CsvRecordTooLargeException ex)
        {
            // Read ahead of the header, before any row is handed on; Sylvan counts the header as row 0.
            errors.Add(
                new ImportError(
                    name,
                    ex.RowNumber + 1,
                    null,
                    null,
                    $"a row of at most {TableLimits.MaxRowCharacters:N0} characters"
                )
            );
            return [];
        }
        catch (CsvFormatException)
        {
            errors.Add(
                new ImportError(
                    name,
                    1,
                    null,
                    null,
                    "a well-formed header row: a quoted name ends with a closing quote"
                )
            );
            return [];
        }
        catch (XmlException ex)
        {
            var what = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "a workbook without a DOCTYPE or entity declarations, as Excel writes"
                : "a workbook whose XML is well formed, as Excel writes";
            errors.Add(new ImportError(name, 0, null, null, what));
            return [];
        }
        catch (Exception ex)
            when (ex is IOException or OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            errors.Add(
                new ImportError(
                    name,
                    0,
                    null,
                    null,
                    "a file that can be read: it is damaged or not a .csv or .xlsx file"
                )
            );
            return [];
        }
    }

    private static List<RawTable> Unsupported(string name, List<ImportError> errors)
    {
        errors.Add(new ImportError(name, 0, null, null, "expected a .csv file or an .xlsx workbook"));
        return [];
    }

    /// <summary>Opens a CSV file of any columns (national data, comparator groups) with the same checks as the
    /// interchange tables; null, with the problem in <paramref name="errors"/>, when it cannot be read.</summary>
    public static RawTable? OpenAnyCsv(string path, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            errors.Add(new ImportError(name, 0, null, path, "the file does not exist"));
            return null;
        }

        if (!Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ImportError(name, 0, null, null, "a .csv file, as national data are downloaded"));
            return null;
        }

        try
        {
            return OpenCsv(path, name, errors, (_, _) => TableKind.National).SingleOrDefault();
        }
        catch (CsvFormatException)
        {
            errors.Add(new ImportError(name, 1, null, null, "a well-formed header row"));
            return null;
        }
        catch (IOException ex)
        {
            errors.Add(new ImportError(name, 0, null, null, "a file that can be read: " + ex.Message));
            return null;
        }
    }

    private static List<RawTable> OpenCsv(
        string path,
        string name,
        List<ImportError> errors,
        Func<IReadOnlyList<string>, string, TableKind?>? kindOf = null
    )
    {
        TextProbe probe;
        using (var file = File.OpenRead(path))
        {
            probe = TextProbe.Of(file);
        }

        var problem = probe switch
        {
            { Problem: { } p } => $"{p} (found on line {probe.Line})",
            { HeaderColumns: 0 } => "a header row naming the columns, such as ref,period,value: the file is empty",
            { HeaderColumns: > TableLimits.MaxColumns } =>
                $"at most {TableLimits.MaxColumns} columns (the header has {probe.HeaderColumns:N0})",
            { HeaderColumns: 1, OtherSeparator: { } other } =>
                $"columns separated by commas: this file's are separated by {(other == ';' ? "semicolons" : "tabs")}; "
                    + $"save it as 'CSV UTF-8 (Comma delimited)'",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(new ImportError(name, 0, null, null, problem));
            return [];
        }

        string[] headers;
        using (var reader = CreateCsv(path, probe.Encoding!))
        {
            headers = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim())];
        }

        var kind = (kindOf ?? KindOf)(headers, name);
        if (kind is null)
        {
            errors.Add(
                new ImportError(
                    name,
                    1,
                    null,
                    string.Join(",", headers),
                    "a header row naming the columns: a measures table has 'ref' and 'title', a values table has "
                        + "'ref' and 'period'"
                )
            );
            return [];
        }

        return [new RawTable(name, kind.Value, headers, ReadCsv(path, probe.Encoding!, name, headers, errors))];
    }

    private static CsvDataReader CreateCsv(string path, Encoding encoding) =>
        CsvDataReader.Create(
            new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16),
            new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                // A row whose first cell starts with '#' ("#1 in the region") is data, not a comment.
                Comment = '\0',
                BufferSize = 1 << 16,
                MaxBufferSize = TableLimits.MaxRowCharacters,
            }
        );

    private static IEnumerable<RawRow> ReadCsv(
        string path,
        Encoding encoding,
        string name,
        string[] headers,
        List<ImportError> errors
    )
    {
        using var csv = CreateCsv(path, encoding);
        var width = headers.Length;
        var number = 1;
        var pool = new StringPool();
        while (true)
        {
            bool more;
            string? broken = null;
            try
            {
                more = csv.Read();
            }
            catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
            {
                more = false;
                broken =
                    ex is CsvRecordTooLargeException
                        ? $"a row of at most {TableLimits.MaxRowCharacters:N0} characters"
                        : "well-formed CSV: a quoted cell ends with a closing quote, and a quote inside it is doubled "
                            + "(\"\")";
            }

            if (broken is not null)
            {
                errors.Add(new ImportError(name, number + 1, null, null, broken));
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            number++;
            var count = csv.RowFieldCount;
            if (count == 1 && csv.GetFieldSpan(0).IsWhiteSpace())
            {
                continue;
            }

            if (count != width)
            {
                if (count < width || Extra(csv, width) is { } extra)
                {
                    errors.Add(
                        new ImportError(
                            name,
                            number,
                            count < width ? null : $"cell {width + 1}",
                            count < width ? null : Extra(csv, width),
                            count < width
                                ? $"{width} cells, as the header has; this row has {count} (a missing cell would "
                                    + $"clear what is stored)"
                                : $"at most {width} cells, as the header has; this row has {count:N0}"
                        )
                    );
                    continue;
                }
            }

            var cells = new string?[width];
            var any = false;
            var bad = false;
            for (var i = 0; i < width; i++)
            {
                var span = csv.GetFieldSpan(i).Trim();
                if (span.IsEmpty)
                {
                    continue;
                }

                if (span[0] == '\'')
                {
                    span = SpreadsheetSafe.Restore(span);
                }

                if (TableLimits.ProblemWith(span) is { } problem)
                {
                    errors.Add(new ImportError(name, number, headers[i], Excerpt(span), problem));
                    bad = true;
                    continue;
                }

                cells[i] = pool.Get(span);
                any = true;
            }

            if (any && !bad)
            {
                yield return new RawRow(number, cells);
            }
        }
    }

    /// <summary>The first non-empty cell past the header's width, or null when the extra cells are all empty
    /// (a trailing comma).</summary>
    private static string? Extra(CsvDataReader csv, int width)
    {
        for (var i = width; i < csv.RowFieldCount; i++)
        {
            var span = csv.GetFieldSpan(i).Trim();
            if (!span.IsEmpty)
            {
                return Excerpt(span);
            }
        }

        return null;
    }

    private static string Excerpt(ReadOnlySpan<char> text)
    {
        var cut = text.Length > 80 ? text[..80] : text;
        var excerpt = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            excerpt.Append(char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return excerpt.ToString();
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
            : name.Contains("value", StringComparison.OrdinalIgnoreCase) ? TableKind.Values
            : null;
    }

    private static List<RawTable> OpenWorkbook(string path, string name, List<ImportError> errors)
    {
        CheckDeclaredSize(path);
        var tables = new List<RawTable>();
        using var doc = SpreadsheetDocument.Open(
            path,
            false,
            new OpenSettings { MaxCharactersInPart = TableLimits.MaxWorkbookBytes }
        );
        var book =
            doc.WorkbookPart
            ?? throw new WorkbookException(null, 0, "a workbook with a sheet named 'measures' or 'values'");
        var sharedStrings = SharedStrings(book);
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var sheetName = sheet.Name?.Value?.Trim() ?? "";
            TableKind? kind = sheetName.ToLowerInvariant() switch
            {
                "measures" => TableKind.Measures,
                "values" => TableKind.Values,
                _ => null,
            };
            if (kind is null || sheet.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }

            var source = $"{name} [{sheetName}]";
            var rows = ReadSheet(part, sharedStrings, source).ToList();
            if (rows.Count == 0)
            {
                errors.Add(new ImportError(source, 1, null, null, "a header row naming the columns"));
                continue;
            }

            var headers = rows[0].Cells.Select(c => c?.Trim() ?? "").ToArray();
            var width = headers.Length;
            var data = new List<RawRow>(rows.Count - 1);
            foreach (var row in rows.Skip(1))
            {
                if (
                    row.Cells.Length > width
                    && Array.FindIndex(row.Cells, width, c => c is not null) is var extra and >= 0
                )
                {
                    errors.Add(
                        new ImportError(
                            source,
                            row.Number,
                            ColumnName(extra),
                            row.Cells[extra],
                            $"cells only under the header's {width} columns"
                        )
                    );
                    continue;
                }

                data.Add(row with { Cells = Fit(row.Cells, width) });
            }

            tables.Add(new RawTable(source, kind.Value, headers, data));
        }

        if (tables.Count == 0)
        {
            errors.Add(new ImportError(name, 0, null, null, "a workbook with a sheet named 'measures' or 'values'"));
        }

        return tables;
    }

    /// <summary>Refuses a workbook whose parts declare more than <see cref="TableLimits.MaxWorkbookBytes"/> before any
    /// is expanded; a part that lies about its size is stopped by the characters-per-part limit while it is
    /// read.</summary>
    private static void CheckDeclaredSize(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var total = zip.Entries.Sum(e => e.Length);
        if (total > TableLimits.MaxWorkbookBytes)
        {
            throw new WorkbookException(
                null,
                0,
                $"a workbook of at most {TableLimits.MaxWorkbookBytes >> 20:N0} MB uncompressed (its parts declare "
                    + $"{total >> 20:N0} MB)"
            );
        }
    }

    private static List<string> SharedStrings(WorkbookPart book)
    {
        var strings = new List<string>();
        if (book.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        long characters = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var text = reader.LoadCurrentElement()!.InnerText;
                characters += text.Length;
                if (characters > TableLimits.MaxSharedStringCharacters)
                {
                    throw new WorkbookException(
                        null,
                        0,
                        $"a workbook of at most {TableLimits.MaxSharedStringCharacters >> 20:N0} million characters "
                            + $"of text"
                    );
                }

                strings.Add(text);
            }
        }

        return strings;
    }

    private static string?[] Fit(string?[] cells, int width) =>
        cells.Length == width ? cells
        : cells.Length > width ? cells[..width]
        : [.. cells, .. new string?[width - cells.Length]];

    private static IEnumerable<RawRow> ReadSheet(WorksheetPart part, List<string> sharedStrings, string source)
    {
        using var reader = OpenXmlReader.Create(part);
        var last = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var declared = row.RowIndex?.Value;
            if (declared is 0 or > TableLimits.MaxSheetRows || declared <= (uint)last)
            {
                throw new WorkbookException(
                    source,
                    last + 1,
                    $"rows numbered upwards from 1 to {TableLimits.MaxSheetRows:N0} (found row number {declared})"
                );
            }

            var number = (int)(declared ?? (uint)(last + 1));
            last = number;
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value, source, number) ?? cells.Count;
                if (column < cells.Count)
                {
                    throw new WorkbookException(
                        source,
                        number,
                        $"cells in column order, each once (found {cell.CellReference?.Value} after column "
                            + $"{ColumnName(cells.Count - 1)})"
                    );
                }

                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                var text = CellText(cell, sharedStrings, source, number);
                if (text is not null && TableLimits.ProblemWith(text) is { } problem)
                {
                    throw new WorkbookException(source, number, $"column {ColumnName(column)}: {problem}");
                }

                cells.Add(text);
            }

            if (cells.Exists(c => c is not null))
            {
                yield return new RawRow(number, [.. cells]);
            }
        }
    }

    private static string? CellText(Cell cell, List<string> sharedStrings, string source, int row)
    {
        var raw = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            if (
                !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= sharedStrings.Count
            )
            {
                throw new WorkbookException(
                    source,
                    row,
                    $"cell {cell.CellReference?.Value} to refer to one of the workbook's {sharedStrings.Count:N0} "
                        + $"shared strings (found '{raw}')"
                );
            }

            raw = sharedStrings[index];
        }
        else if (cell.DataType?.Value == CellValues.Boolean)
        {
            raw = raw == "1" ? "true" : "false";
        }
        else if (
            (cell.DataType is null || cell.DataType.Value == CellValues.Number)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            && Math.Abs(number) < 7.9e27
        )
        {
            // Excel keeps binary doubles: 0.1+0.2 is stored as 0.30000000000000004. Fifteen significant
            // digits is what Excel itself shows, so the figure the officer typed comes back.
            raw = (
                (decimal)
                    double.Parse(number.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            ).ToString(CultureInfo.InvariantCulture);
        }

        raw = raw.Trim();
        return raw.Length == 0 ? null : raw;
    }

    /// <summary>The zero-based column of a cell reference such as <c>B7</c>; Excel's columns end at XFD
    /// (16,384).</summary>
    private static int? ColumnIndex(string? reference, string source, int row)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var letters = reference.AsSpan();
        var end = letters.IndexOfAnyExceptInRange('A', 'Z');
        letters = end < 0 ? letters : letters[..end];
        var index = 0;
        foreach (var c in letters.Length <= 3 ? letters : [])
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        if (letters.Length is 0 or > 3 || index > TableLimits.MaxColumns)
        {
            throw new WorkbookException(
                source,
                row,
                $"cells only in the first {TableLimits.MaxColumns} columns, A to "
                    + $"{ColumnName(TableLimits.MaxColumns - 1)} (found a cell at {reference})"
            );
        }

        return index - 1;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>A workbook that cannot be read as a table, said in words for the error list.</summary>
    private sealed class WorkbookException(string? source, int row, string message) : Exception(message)
    {
        public new string? Source { get; } = source;
        public int Row { get; } = row;
    }
}
