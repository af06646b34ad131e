using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Periods;

namespace Outturn.Data.Comparisons;

/// <summary>How national files are read.</summary>
public sealed record NationalImportOptions
{
    /// <summary>A year written alone (<c>2025</c>) is the financial year ending in March of it, as the Department
    /// for Transport publishes, rather than the calendar year.</summary>
    public bool YearEndsInMarch { get; init; }

    /// <summary>The metric of a file with one column per period (LG Inform's download) that does not name it in a
    /// column of its own.</summary>
    public string? Metric { get; init; }

    /// <summary>That metric's title, unit, rate base and polarity, when the file does not give them.</summary>
    public string? MetricTitle { get; init; }
    public string? Unit { get; init; }
    public double? RatePer { get; init; }
    public string? Polarity { get; init; }
}

/// <summary>What an import stored.</summary>
/// <param name="Breakdowns">Fingertips rows for a category (deprivation decile, ethnic group), which are breakdowns
/// rather than an area's total and are not stored.</param>
public sealed record NationalImportResult(int Metrics, int Areas, int Values, int Breakdowns);

/// <summary>Imports national and peer data — Outturn's own long CSV, Fingertips' bulk download, a list of areas —
/// all or nothing, every problem listed with its file, row, column and value (docs/comparisons.md).</summary>
public static partial class NationalImporter
{
    /// <summary>The columns of Outturn's own long format, in order.</summary>
    public static readonly IReadOnlyList<string> LongColumns =
    [
        "metric",
        "metric_title",
        "unit",
        "rate_per",
        "polarity",
        "source",
        "area_code",
        "area_name",
        "area_type",
        "parent_code",
        "period",
        "value",
        "count",
        "denominator",
        "lower_ci_95",
        "upper_ci_95",
        "lower_ci_99_8",
        "upper_ci_99_8",
        "value_note",
    ];

    /// <summary>The columns of an areas list.</summary>
    public static readonly IReadOnlyList<string> AreaColumns =
    [
        "area_code",
        "area_name",
        "area_type",
        "parent_code",
        "successor_code",
    ];

    private const string FingertipsComparedToEngland = "compared to england";

    public static async Task<NationalImportResult> ImportAsync(
        OutturnDbContext db,
        IReadOnlyList<string> paths,
        NationalImportOptions? options = null,
        CancellationToken ct = default
    )
    {
        options ??= new NationalImportOptions();
        if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
        {
            return await ImportStreamingAsync(db, postgres, paths, options, ct);
        }

        var parsed = new Parsed();
        var errors = Read(paths, options, parsed);
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        return await StoreAsync(db, parsed, ct);
    }

    /// <summary>Reads every file into <paramref name="parsed"/>; every error, each file's in the order of its rows,
    /// the files in the order given.</summary>
    private static List<ImportError> Read(IReadOnlyList<string> paths, NationalImportOptions options, Parsed parsed)
    {
        var errors = new List<ImportError>();
        var sources = new List<string>();
        foreach (var path in paths)
        {
            // The file is read and its cells checked on another thread (Pipelined) while this one types and checks its
            // figures: the reading's errors are kept apart until it has ended, then put among the others by row.
            var read = new List<ImportError>();
            var opened = TableReader.OpenAnyCsv(path, read);
            if (opened is null)
            {
                errors.AddRange(read);
                continue;
            }

            var table = new RawTable(opened.Source, opened.Kind, opened.Headers, Pipelined.Of(opened.Rows));
            sources.Add(table.Source);
            var found = new List<ImportError>();
            var map = Map(table.Headers);
            if (map.ContainsKey("indicator id") && map.ContainsKey("area code") && map.ContainsKey("time period"))
            {
                ReadFingertips(table, map, options, parsed, found);
            }
            else if (map.ContainsKey("metric") && map.ContainsKey("area_code") && map.ContainsKey("period"))
            {
                ReadLong(table, map, options, parsed, found);
            }
            else if (map.ContainsKey("area_code") && map.ContainsKey("area_name") && !map.ContainsKey("group"))
            {
                ReadAreas(table, map, parsed, found);
            }
            else if (AreaCodeColumn(map) is { } codeColumn && PeriodColumns(table.Headers, options).Count > 0)
            {
                ReadWide(table, map, codeColumn, options, parsed, found);
            }
            else
            {
                found.Add(
                    new ImportError(
                        table.Source,
                        1,
                        null,
                        string.Join(",", table.Headers),
                        "the header of Outturn's national format (metric, area_code, period, value…), of Fingertips' "
                            + "bulk download (Indicator ID, Area Code, Time period, Value…), of a file with an area "
                            + "code column and one column per period (LG Inform's: Area code, Area, 2016/17, 2017/18…) "
                            + "or of a list of areas (area_code, area_name, area_type, parent_code, successor_code)"
                    )
                );
            }

            // A row the reading refused never reaches the figures, so each row's errors come from one side alone.
            errors.AddRange(read.Concat(found).OrderBy(e => e.Row));
        }

        if (parsed.RepeatErrors().ToList() is { Count: > 0 } repeats)
        {
            // Among the other errors, each file's in the order of its rows, the files in the order given.
            var files = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                files.TryAdd(source, files.Count);
            }

            var merged = errors.Concat(repeats).OrderBy(e => files.GetValueOrDefault(e.File, -1)).ThenBy(e => e.Row);
            errors = [.. merged];
        }

        return errors;
    }

    private static Dictionary<string, int> Map(IReadOnlyList<string> headers)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            map.TryAdd(headers[i].Trim().ToLowerInvariant(), i);
        }

        return map;
    }

    private static void ReadLong(
        RawTable table,
        Dictionary<string, int> map,
        NationalImportOptions options,
        Parsed parsed,
        List<ImportError> errors
    )
    {
        var cells = new CellReader(table.Source, map, errors);
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var key = cells.Required("metric") is { } k ? Limited(cells, "metric", k, 80) : null;
            var polarity = cells.Text("polarity") is { } p ? ParsePolarity(cells, "polarity", p) : null;
            var ratePer = Positive(cells, "rate_per");
            var metric = key is null
                ? null
                : parsed.Metric(
                    cells,
                    key,
                    cells.Limited("metric_title", 500),
                    cells.Limited("unit", 60),
                    ratePer,
                    polarity,
                    cells.Limited("source", 200),
                    raw.Number
                );
            ReadFigure(cells, LongFigure, metric, options, parsed, raw.Number);
        }
    }

    /// <summary>Where a format keeps a figure's parts: its area, period, figure, count, denominator, intervals and
    /// note; the column a duplicate is reported against; and whether a count and denominator may stand for the
    /// figure.</summary>
    private sealed record FigureColumns(
        string AreaCode,
        string AreaName,
        string AreaType,
        string Parent,
        string Period,
        string Lower95,
        string Upper95,
        string Lower998,
        string Upper998,
        string Note,
        string Key,
        bool WorkedOut
    );

    private static readonly FigureColumns LongFigure = new(
        "area_code",
        "area_name",
        "area_type",
        "parent_code",
        "period",
        "lower_ci_95",
        "upper_ci_95",
        "lower_ci_99_8",
        "upper_ci_99_8",
        "value_note",
        "metric",
        WorkedOut: true
    );

    private static readonly FigureColumns FingertipsFigure = new(
        "area code",
        "area name",
        "area type",
        "parent code",
        "time period",
        "lower ci 95.0 limit",
        "upper ci 95.0 limit",
        "lower ci 99.8 limit",
        "upper ci 99.8 limit",
        "value note",
        "Indicator ID",
        WorkedOut: false
    );

    /// <summary>Reads the row's area (kept among the areas), period and figure with its count, denominator and
    /// intervals, each bad cell an error; the figure kept, or null when the row has an error.</summary>
    private static Figure? ReadFigure(
        CellReader cells,
        FigureColumns columns,
        ParsedMetric? metric,
        NationalImportOptions options,
        Parsed parsed,
        int row
    )
    {
        var area = AreaOf(cells, columns.AreaCode, parsed);
        if (area is { } code)
        {
            parsed.Area(
                code,
                cells.Limited(columns.AreaName, 200),
                cells.Limited(columns.AreaType, 100),
                ParentOf(cells, columns.Parent, parsed),
                null
            );
        }

        var period = PeriodOf(cells, columns.Period, options, parsed.Periods);
        var value = Double(cells, "value");
        var count = Double(cells, "count");
        var denominator = columns.WorkedOut ? Positive(cells, "denominator") : Double(cells, "denominator");
        if (columns.WorkedOut && value is null && (count is null || denominator is null) && cells.ErrorCount == 0)
        {
            cells.Error("value", null, "a value, or a count and a denominator");
        }

        var ci95 = Interval(cells, columns.Lower95, columns.Upper95);
        var ci998 = Interval(cells, columns.Lower998, columns.Upper998);
        var note = cells.Limited(columns.Note, 500);
        if (cells.ErrorCount > 0 || metric is null || area is null || period is null)
        {
            return null;
        }

        var figure = new Figure(
            metric,
            area.Value,
            period.Value,
            value ?? (columns.WorkedOut ? ValueFrom(metric, count!.Value, denominator!.Value) : null),
            count,
            denominator,
            ci95,
            ci998,
            note,
            row
        );
        parsed.Value(cells, columns.Key, figure);
        return figure;
    }

    private static void ReadFingertips(
        RawTable table,
        Dictionary<string, int> map,
        NationalImportOptions options,
        Parsed parsed,
        List<ImportError> errors
    )
    {
        var cells = new CellReader(table.Source, map, errors);
        var compared = table
            .Headers.FirstOrDefault(h =>
                h.Trim().StartsWith(FingertipsComparedToEngland, StringComparison.OrdinalIgnoreCase)
            )
            ?.Trim()
            .ToLowerInvariant();
        var ages = new Dictionary<string, (string Age, int Row)>(StringComparer.OrdinalIgnoreCase);
        var verdicts = new List<(ParsedMetric Metric, Period Period, double? Value, string Verdict)>();
        var england = new Dictionary<(ParsedMetric, Period), double?>();
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            if (cells.Text("category") is not null)
            {
                parsed.Breakdowns++;
                continue;
            }

            var id = cells.Required("indicator id");
            var sex = cells.Text("sex");
            var age = cells.Text("age") ?? "";
            var key = id is null ? null : FingertipsKey(id, sex);
            if (
                key is not null
                && ages.TryGetValue(key, out var seen)
                && !seen.Age.Equals(age, StringComparison.Ordinal)
            )
            {
                cells.Error(
                    "Age",
                    age,
                    $"one age group for indicator {key}: row {seen.Row} gives '{seen.Age}' (a file of area totals "
                        + "for one age)"
                );
            }
            else if (key is not null)
            {
                ages.TryAdd(key, (age, raw.Number));
            }

            var metric = key is null
                ? null
                : parsed.Metric(
                    cells,
                    key,
                    cells.Limited("indicator name", 500) is { } name
                        ? sex is null or "Persons"
                            ? name
                            : $"{name} ({sex})"
                        : null,
                    null,
                    null,
                    null,
                    "Fingertips",
                    raw.Number
                );
            if (ReadFigure(cells, FingertipsFigure, metric, options, parsed, raw.Number) is not { } figure)
            {
                continue;
            }

            if (figure.Area == AreaCode.England)
            {
                england.TryAdd((figure.Metric, figure.Period), figure.Value);
            }

            if (compared is not null && cells.Text(compared) is { } verdict)
            {
                verdicts.Add((figure.Metric, figure.Period, figure.Value, verdict));
            }
        }

        InferPolarity(verdicts, england);
    }

    /// <summary>Fingertips' bulk file does not give an indicator's polarity, but its "Compared to England" column
    /// says "Better" or "Worse": an area above England's figure and better than it means higher is better.</summary>
    /// <param name="verdicts">Each figure's metric, period, value and verdict, in the order read.</param>
    /// <param name="england">England's first figure of each metric and period.</param>
    private static void InferPolarity(
        List<(ParsedMetric Metric, Period Period, double? Value, string Verdict)> verdicts,
        Dictionary<(ParsedMetric, Period), double?> england
    )
    {
        foreach (var group in verdicts.GroupBy(v => v.Metric))
        {
            var metric = group.Key;
            if (metric.Polarity is not null)
            {
                continue;
            }

            foreach (var (_, period, value, verdict) in group)
            {
                var better = verdict.StartsWith("Better", StringComparison.OrdinalIgnoreCase);
                var worse = verdict.StartsWith("Worse", StringComparison.OrdinalIgnoreCase);
                if (
                    (better || worse)
                    && value is { } v
                    && england.GetValueOrDefault((metric, period)) is { } e
                    && v != e
                )
                {
                    metric.Polarity = (v > e) == better ? "higher" : "lower";
                    break;
                }
            }
        }
    }

    /// <summary>The words a one-column-per-period file writes for "no figure": left out, not an error.</summary>
    private static readonly HashSet<string> NoFigure = new(StringComparer.OrdinalIgnoreCase)
    {
        "-",
        "..",
        ":",
        "*",
        "x",
        "c",
        "[c]",
        "[x]",
        "[z]",
        "n/a",
        "na",
    };

    private static readonly string[] CodeColumns = ["area code", "area_code", "code", "ons code", "gss code"];
    private static readonly string[] NameColumns = ["area", "area name", "area_name", "name"];

    private static string? AreaCodeColumn(Dictionary<string, int> map) => CodeColumns.FirstOrDefault(map.ContainsKey);

    private static List<(int Index, string Header, Period Period)> PeriodColumns(
        IReadOnlyList<string> headers,
        NationalImportOptions options
    ) =>
        [
            .. headers
                .Select((h, i) => (i, h.Trim()))
                .Where(x => Period.TryParse(x.Item2, out _))
                .Select(x =>
                {
                    var period = Period.Parse(x.Item2);
                    return (
                        x.i,
                        x.Item2,
                        options.YearEndsInMarch && period.Kind == PeriodKind.CalendarYear
                            ? Period.FinancialYear(period.Year - 1)
                            : period
                    );
                }),
        ];

    /// <summary>A file with an area code column and one column per period (LG Inform's download), unpivoted: one
    /// figure per area and period column. The metric is a <c>metric</c> column's, else the command's
    /// <c>--metric</c>.</summary>
    private static void ReadWide(
        RawTable table,
        Dictionary<string, int> map,
        string codeColumn,
        NationalImportOptions options,
        Parsed parsed,
        List<ImportError> errors
    )
    {
        var periods = PeriodColumns(table.Headers, options);
        var perRow =
            map.ContainsKey("metric") ? "metric"
            : map.ContainsKey("metric id") ? "metric id"
            : null;
        if (perRow is null && options.Metric is null)
        {
            errors.Add(
                new ImportError(
                    table.Source,
                    1,
                    null,
                    string.Join(",", table.Headers),
                    "a metric for this file's figures: a file with one column per period names its metric in a "
                        + "'metric' column or with --metric ID"
                )
            );
            return;
        }

        var nameColumn = NameColumns.FirstOrDefault(map.ContainsKey);
        var cells = new CellReader(table.Source, map, errors);
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var key = perRow is null ? options.Metric! : cells.Required(perRow);
            var area = AreaOf(cells, codeColumn, parsed);
            if (key is null || area is null || cells.ErrorCount > 0)
            {
                continue;
            }

            var metric = parsed.Metric(
                cells,
                key,
                options.MetricTitle,
                options.Unit,
                options.RatePer,
                options.Polarity,
                "LG Inform",
                raw.Number
            );
            parsed.Area(area.Value, nameColumn is null ? null : cells.Limited(nameColumn, 200), null, null, null);
            foreach (var (index, header, period) in periods)
            {
                var text = index < raw.Cells.Length ? raw.Cells[index] : null;
                if (text is null || NoFigure.Contains(text.Trim()))
                {
                    continue;
                }

                if (Double(cells, header.ToLowerInvariant()) is { } value)
                {
                    parsed.Value(
                        cells,
                        codeColumn,
                        new Figure(metric, area.Value, period, value, null, null, null, null, null, raw.Number)
                    );
                }
            }
        }
    }

    private static void ReadAreas(RawTable table, Dictionary<string, int> map, Parsed parsed, List<ImportError> errors)
    {
        var cells = new CellReader(table.Source, map, errors);
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var area = AreaOf(cells, "area_code", parsed);
            var name = cells.Required("area_name") is { } n ? Limited(cells, "area_name", n, 200) : null;
            var successor = ParentOf(cells, "successor_code", parsed);
            if (area is { } code && name is not null && cells.ErrorCount == 0)
            {
                if (successor == code.ToString())
                {
                    cells.Error("successor_code", successor, "another area's code: an area does not succeed itself");
                    continue;
                }

                parsed.Area(
                    code,
                    name,
                    cells.Limited("area_type", 100),
                    ParentOf(cells, "parent_code", parsed),
                    successor
                );
                parsed.AreaList.Add(code.ToString());
            }
        }
    }

    private static string FingertipsKey(string id, string? sex) =>
        sex is null or "Persons" or "Not applicable" ? id.Trim() : $"{id.Trim()}:{sex.Trim().ToLowerInvariant()}";

    private static string? Limited(CellReader cells, string column, string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        cells.Error(column, text, $"at most {max} characters");
        return null;
    }

    private static AreaCode? AreaOf(CellReader cells, string column, Parsed parsed)
    {
        var text = cells.Required(column);
        if (text is null)
        {
            return null;
        }

        if (parsed.TryAreaCode(text, out var code, out var error))
        {
            return code;
        }

        cells.Error(column, text, error["'".Length..].Split(": ", 2)[^1]);
        return null;
    }

    private static string? ParentOf(CellReader cells, string column, Parsed parsed)
    {
        var text = cells.Text(column);
        if (text is null)
        {
            return null;
        }

        if (parsed.TryAreaCode(text, out var code, out _))
        {
            return code.ToString();
        }

        cells.Error(column, text, "an area code such as E12000002, or nothing");
        return null;
    }

    private static Period? PeriodOf(
        CellReader cells,
        string column,
        NationalImportOptions options,
        Dictionary<string, Period?> periods
    )
    {
        var text = cells.Required(column);
        if (text is null)
        {
            return null;
        }

        // A national file names a few periods a million times: each is parsed once.
        if (!periods.TryGetValue(text, out var period))
        {
            period = Period.TryParse(text, out var p, out _)
                ? options.YearEndsInMarch && p.Kind == PeriodKind.CalendarYear
                    ? Period.FinancialYear(p.Year - 1)
                    : p
                : null;
            if (periods.Count < 10_000)
            {
                periods[text] = period;
            }
        }

        if (period is null)
        {
            cells.Error(column, text, Period.ExpectedForms);
        }

        return period;
    }

    private static double? Double(CellReader cells, string column)
    {
        var text = cells.Text(column);
        if (text is null)
        {
            return null;
        }

        if (PlainDouble.TryParse(text, out var plain))
        {
            return plain;
        }

        if (
            double.TryParse(
                text.Contains(',', StringComparison.Ordinal) ? text.Replace(",", "", StringComparison.Ordinal) : text,
                NumberStyles.Float,
                CultureInfo.InvariantCulture,
                out var value
            ) && double.IsFinite(value)
        )
        {
            return value;
        }

        cells.Error(column, text, "a number, such as 65.2 or 1045");
        return null;
    }

    private static double? Positive(CellReader cells, string column)
    {
        var value = Double(cells, column);
        if (value is <= 0)
        {
            cells.Error(column, cells.Text(column), "a number above 0, such as 100000");
            return null;
        }

        return value;
    }

    private static ConfidenceInterval? Interval(CellReader cells, string lowerColumn, string upperColumn)
    {
        var lower = Double(cells, lowerColumn);
        var upper = Double(cells, upperColumn);
        if (lower is null && upper is null)
        {
            return null;
        }

        if (lower is not { } l || upper is not { } u)
        {
            var missing = lower is null ? lowerColumn : upperColumn;
            cells.Error(missing, null, $"both ends of the interval ({lowerColumn} and {upperColumn}), or neither");
            return null;
        }

        if (l > u)
        {
            cells.Error(lowerColumn, cells.Text(lowerColumn), $"a lower limit no higher than {upperColumn}'s {u}");
            return null;
        }

        return new ConfidenceInterval(l, u);
    }

    private static string? ParsePolarity(CellReader cells, string column, string text)
    {
        // A national file gives the same word on every row: the usual ones are taken as they are.
        if (text is "higher" or "lower" or "none")
        {
            return text;
        }

        var code = text.Trim().ToLowerInvariant().Replace(' ', '_');
        var polarity = code switch
        {
            "higher" or "higher_is_better" or "high" => "higher",
            "lower" or "lower_is_better" or "low" => "lower",
            "none" or "no_judgement" or "neither" => "none",
            _ => null,
        };
        if (polarity is null)
        {
            cells.Error(column, text, "higher, lower or none: which way is better");
        }

        return polarity;
    }

    /// <summary>A figure from its count and denominator: a percentage, a rate per N, or the plain ratio.</summary>
    private static double ValueFrom(ParsedMetric metric, double count, double denominator) =>
        MetricTerms.Of(metric.Unit, metric.RatePer, "none").Shape switch
        {
            MetricShape.Percentage => count / denominator * 100,
            MetricShape.Rate => count / denominator * metric.RatePer!.Value,
            _ => count / denominator,
        };

    /// <summary>Adds the metrics and areas the files name and updates those stored with what the files say; the
    /// metrics, saved, by their keys in upper case.</summary>
    private static async Task<Dictionary<string, Metric>> UpsertAsync(
        OutturnDbContext db,
        Parsed parsed,
        CancellationToken ct
    )
    {
        var keys = parsed.Metrics.Keys.Select(k => k.ToUpperInvariant()).ToList();
        var metrics = await db.Metrics.Where(m => keys.Contains(m.KeyUpper)).ToDictionaryAsync(m => m.KeyUpper, ct);
        foreach (var m in parsed.Metrics.Values)
        {
            if (!metrics.TryGetValue(m.Key.ToUpperInvariant(), out var metric))
            {
                metric = new Metric
                {
                    Key = m.Key,
                    KeyUpper = m.Key.ToUpperInvariant(),
                    Title = m.Title ?? m.Key,
                };
                db.Metrics.Add(metric);
                metrics[metric.KeyUpper] = metric;
            }

            metric.Title = m.Title ?? metric.Title;
            metric.Unit = m.Unit ?? metric.Unit;
            metric.RatePer = m.RatePer ?? metric.RatePer;
            metric.Polarity = m.Polarity ?? metric.Polarity;
            metric.Source = m.Source ?? metric.Source;
        }

        var codes = parsed.Areas.Keys.ToList();
        var areas = await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        foreach (var a in parsed.Areas.Values)
        {
            if (!areas.TryGetValue(a.Code, out var area))
            {
                area = new Area { Code = a.Code, Name = a.Name ?? a.Code };
                db.Areas.Add(area);
                areas[a.Code] = area;
            }

            area.Name = a.Name ?? area.Name;
            area.Type = a.Type ?? area.Type;
            area.ParentCode = a.Parent ?? area.ParentCode;
            if (parsed.AreaList.Contains(a.Code))
            {
                area.SuccessorCode = a.Successor;
            }
        }

        await db.SaveChangesAsync(ct);
        return metrics;
    }

    private static async Task<NationalImportResult> StoreAsync(OutturnDbContext db, Parsed parsed, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var metrics = await UpsertAsync(db, parsed, ct);

            // A figure in the file replaces the stored one for its metric, period and area.
            var ids = new int[parsed.Metrics.Count];
            foreach (var m in parsed.Metrics.Values)
            {
                ids[m.Number] = metrics[m.Upper].Id;
            }

            // Each row is made as it is written: a million rows are never held twice.
            var areaCodes = parsed.AreaCodes.Select(a => a.ToString()).ToArray();
            var periodTexts = parsed.PeriodList.Select(p => p.ToString()).ToArray();
            await NationalValueStore.WriteAsync(
                db,
                tx,
                parsed.Figures.Select(figure =>
                {
                    var period = parsed.PeriodList[figure.Period];
                    return new NationalRow(
                        ids[figure.Metric],
                        areaCodes[figure.Area],
                        periodTexts[figure.Period],
                        (int)period.Kind,
                        period.StartMonth,
                        period.EndMonth,
                        figure.Value,
                        figure.Count,
                        figure.Denominator,
                        figure.Lower95,
                        figure.Upper95,
                        figure.Lower998,
                        figure.Upper998,
                        figure.Note is { } note ? parsed.Notes[note] : null
                    );
                }),
                ct
            );
            await StaleAsync(db, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return parsed.Result();
        });
    }

    /// <summary>National data feed every organisation's reports: each one's data version goes up, so that no cached
    /// page shows the figures before.</summary>
    internal static Task StaleAsync(OutturnDbContext db, CancellationToken ct) =>
        db.Organisations.ExecuteUpdateAsync(
            s =>
                s.SetProperty(o => o.DataVersion, o => o.DataVersion + 1)
                    .SetProperty(o => o.VisitorVersion, o => o.VisitorVersion + 1),
            ct
        );

    /// <summary>A figure as a row gives it.</summary>
    private readonly record struct Figure(
        ParsedMetric Metric,
        AreaCode Area,
        Period Period,
        double? Value,
        double? Count,
        double? Denominator,
        ConfidenceInterval? Ci95,
        ConfidenceInterval? Ci998,
        string? Note,
        int Row
    );

    /// <summary>A figure as kept until it is stored: its metric, area, period and note by their numbers in the
    /// import, and which of its numbers it has. It holds no reference, so that a file's million figures are arrays
    /// the garbage collector need not look into, rather than a million objects or references to follow; and it is 80
    /// bytes, where nullable numbers and intervals took 140.</summary>
    private readonly struct KeptFigure
    {
        private readonly double _value;
        private readonly double _count;
        private readonly double _denominator;
        private readonly double _lower95;
        private readonly double _upper95;
        private readonly double _lower998;
        private readonly double _upper998;
        private readonly int _note;
        private readonly Parts _parts;

        public KeptFigure(int metric, int area, int period, in Figure figure, int? note)
        {
            (Metric, Area, Period) = (metric, area, period);
            (_value, _parts) = figure.Value is { } v ? (v, Parts.Value) : (0, Parts.None);
            (_count, _parts) = figure.Count is { } c ? (c, _parts | Parts.Count) : (0, _parts);
            (_denominator, _parts) = figure.Denominator is { } d ? (d, _parts | Parts.Denominator) : (0, _parts);
            (_lower95, _upper95, _parts) = figure.Ci95 is { } ci95
                ? (ci95.Lower, ci95.Upper, _parts | Parts.Ci95)
                : (0, 0, _parts);
            (_lower998, _upper998, _parts) = figure.Ci998 is { } ci998
                ? (ci998.Lower, ci998.Upper, _parts | Parts.Ci998)
                : (0, 0, _parts);
            (_note, _parts) = note is { } n ? (n, _parts | Parts.Note) : (0, _parts);
        }

        [Flags]
        private enum Parts : byte
        {
            None = 0,
            Value = 1,
            Count = 2,
            Denominator = 4,
            Ci95 = 8,
            Ci998 = 16,
            Note = 32,
        }

        public int Metric { get; }
        public int Area { get; }
        public int Period { get; }
        public double? Value => Has(Parts.Value) ? _value : null;
        public double? Count => Has(Parts.Count) ? _count : null;
        public double? Denominator => Has(Parts.Denominator) ? _denominator : null;
        public double? Lower95 => Has(Parts.Ci95) ? _lower95 : null;
        public double? Upper95 => Has(Parts.Ci95) ? _upper95 : null;
        public double? Lower998 => Has(Parts.Ci998) ? _lower998 : null;
        public double? Upper998 => Has(Parts.Ci998) ? _upper998 : null;

        /// <summary>The note's number among the import's notes.</summary>
        public int? Note => Has(Parts.Note) ? _note : null;

        private bool Has(Parts part) => (_parts & part) != 0;
    }

    private sealed class ParsedMetric(string key, int row, int number)
    {
        public string Key { get; } = key;

        /// <summary>The metric's place among the import's metrics, part of its figures' keys.</summary>
        public int Number { get; } = number;

        /// <summary>The key in upper case, worked out once (figures are keyed by it).</summary>
        public string Upper { get; } = key.ToUpperInvariant();
        public int Row { get; } = row;
        public string? Title { get; set; }
        public string? Unit { get; set; }
        public double? RatePer { get; set; }
        public string? Polarity { get; set; }
        public string? Source { get; set; }
    }

    private sealed record ParsedArea(string Code, string? Name, string? Type, string? Parent, string? Successor);

    private sealed class Parsed
    {
        public Dictionary<string, ParsedMetric> Metrics { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, ParsedArea> Areas { get; } = new(StringComparer.Ordinal);
        public HashSet<string> AreaList { get; } = new(StringComparer.Ordinal);

        /// <summary>Each period's text as read, parsed once per import.</summary>
        public Dictionary<string, Period?> Periods { get; } = new(StringComparer.Ordinal);

        /// <summary>The figures, in the order read; streamed to the database (<see cref="HandTo"/>), they are let go
        /// of once written.</summary>
        public ChunkedList<KeptFigure> Figures { get; } = new();

        /// <summary>Each figure's key, in the order read: its metric's, area's and period's numbers in this import,
        /// so that a million rows are checked for repeats by three integers each (<see cref="RepeatedKeys"/>), not by
        /// hashing and comparing their texts.</summary>
        private readonly ChunkedList<(int Metric, int Area, int Period)> _keys = new();

        /// <summary>Each figure's row, in the order read.</summary>
        private readonly ChunkedList<int> _rows = new();

        /// <summary>The metrics, areas, periods and notes by their numbers.</summary>
        public List<ParsedMetric> MetricList { get; } = [];
        public List<AreaCode> AreaCodes { get; } = [];
        public List<Period> PeriodList { get; } = [];
        public List<string> Notes { get; } = [];

        private readonly Dictionary<AreaCode, int> _areaNumbers = [];
        private readonly Dictionary<Period, int> _periodNumbers = [];

        /// <summary>The file and key column of each table figures were read from, with its first figure's place
        /// among the figures, for a repeat's error.</summary>
        private readonly List<(string Source, string Column, int From)> _tables = [];

        /// <summary>Each area code's text as read, parsed once per import (a national file names a few hundred
        /// areas a million times).</summary>
        private readonly Dictionary<string, AreaCode> _areaTexts = new(StringComparer.Ordinal);

        public int Breakdowns { get; set; }

        private ParsedMetric? _lastMetric;

        /// <summary>What the import stored.</summary>
        public NationalImportResult Result() => new(Metrics.Count, Areas.Count, Figures.Count, Breakdowns);

        private (int Metrics, int Areas, int Periods, int Notes) _handed;

        /// <summary>Hands the figures to <paramref name="take"/> a chunk at a time as they are read, each with the
        /// metrics, areas, periods and notes first numbered since the one before; <see cref="HandRest"/> hands the
        /// last.</summary>
        /// <remarks>Each chunk handed on is let go of: whoever takes it gives it back to
        /// <see cref="Figures"/> once written, to be filled again.</remarks>
        public void HandTo(Action<FigureBatch> take) => Figures.HandOn(chunk => take(Batch(chunk, chunk)), letGo: true);

        public FigureBatch HandRest() => Batch(Figures.Rest, null);

        private FigureBatch Batch(ReadOnlyMemory<KeptFigure> figures, KeptFigure[]? chunk)
        {
            var batch = new FigureBatch(
                figures,
                chunk,
                [.. MetricList.Skip(_handed.Metrics)],
                [.. AreaCodes.Skip(_handed.Areas)],
                [.. PeriodList.Skip(_handed.Periods)],
                [.. Notes.Skip(_handed.Notes)]
            );
            _handed = (MetricList.Count, AreaCodes.Count, PeriodList.Count, Notes.Count);
            return batch;
        }

        public bool TryAreaCode(string text, out AreaCode code, [NotNullWhen(false)] out string? error)
        {
            error = null;
            if (_areaTexts.TryGetValue(text, out code))
            {
                return true;
            }

            if (!AreaCode.TryParse(text, out code, out error))
            {
                return false;
            }

            if (_areaTexts.Count < 100_000)
            {
                _areaTexts[text] = code;
            }

            return true;
        }

        /// <summary>The metric named on a row; a second row giving it a different title, unit, rate or polarity is
        /// an error.</summary>
        public ParsedMetric Metric(
            CellReader cells,
            string key,
            string? title,
            string? unit,
            double? ratePer,
            string? polarity,
            string? source,
            int row
        )
        {
            // A file's rows come grouped by metric: the row before's is looked at first.
            var metric = _lastMetric;
            if (
                (metric is null || !metric.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
                && !Metrics.TryGetValue(key, out metric)
            )
            {
                metric = new ParsedMetric(key, row, Metrics.Count);
                Metrics[key] = metric;
                MetricList.Add(metric);
            }

            _lastMetric = metric;
            metric.Title = Same(cells, metric, "metric_title", metric.Title, title);
            metric.Unit = Same(cells, metric, "unit", metric.Unit, unit);
            metric.RatePer = Same(cells, metric, "rate_per", metric.RatePer, ratePer);
            metric.Polarity = Same(cells, metric, "polarity", metric.Polarity, polarity);
            metric.Source ??= source;
            return metric;
        }

        private static T? Same<T>(CellReader cells, ParsedMetric metric, string column, T? stored, T? given)
        {
            if (given is null || stored is null || EqualityComparer<T>.Default.Equals(stored, given))
            {
                return given ?? stored;
            }

            cells.Error(
                column,
                Convert.ToString(given, CultureInfo.InvariantCulture),
                $"'{stored}', as row {metric.Row} gives metric {metric.Key}, or nothing"
            );
            return stored;
        }

        public void Area(AreaCode code, string? name, string? type, string? parent, string? successor)
        {
            var key = code.ToString();
            if (
                Areas.TryGetValue(key, out var known)
                && (known.Name is not null || name is null)
                && (known.Type is not null || type is null)
                && (known.Parent is not null || parent is null)
                && (known.Successor is not null || successor is null)
            )
            {
                return;
            }

            Areas[key] = Areas.TryGetValue(key, out var seen)
                ? seen with
                {
                    Name = seen.Name ?? name,
                    Type = seen.Type ?? type,
                    Parent = seen.Parent ?? parent,
                    Successor = seen.Successor ?? successor,
                }
                : new ParsedArea(key, name, type, parent, successor);
        }

        /// <summary>Keeps a figure read from the table <paramref name="cells"/> reads, whose key is in
        /// <paramref name="column"/>; repeats are found when every table has been read
        /// (<see cref="RepeatErrors"/>).</summary>
        public void Value(CellReader cells, string column, in Figure figure)
        {
            if (
                _tables.Count == 0
                || !ReferenceEquals(_tables[^1].Source, cells.Source)
                || _tables[^1].Column != column
            )
            {
                _tables.Add((cells.Source, column, Figures.Count));
            }

            int? note = null;
            if (figure.Note is not null)
            {
                note = Notes.Count;
                Notes.Add(figure.Note);
            }

            var key = (
                figure.Metric.Number,
                NumberOf(_areaNumbers, AreaCodes, figure.Area),
                NumberOf(_periodNumbers, PeriodList, figure.Period)
            );
            _keys.Add(key);
            _rows.Add(figure.Row);
            Figures.Add(new KeptFigure(key.Item1, key.Item2, key.Item3, figure, note));
        }

        /// <summary>An error for each figure whose metric, area and period an earlier row gives, in the order
        /// read.</summary>
        public IEnumerable<ImportError> RepeatErrors()
        {
            if (RepeatedKeys.Ascending(_keys.Chunks))
            {
                yield break;
            }

            var keys = new (int, int, int)[_keys.Count];
            var at = 0;
            foreach (var chunk in _keys.Chunks)
            {
                chunk.Span.CopyTo(keys.AsSpan(at));
                at += chunk.Length;
            }

            var sizes = (MetricList.Count, AreaCodes.Count, PeriodList.Count);
            foreach (var (later, first) in RepeatedKeys.Find(keys, sizes))
            {
                var (metric, area, period) = keys[later];
                var (source, column, _) = _tables.Last(t => t.From <= later);
                yield return new ImportError(
                    source,
                    _rows[later],
                    column,
                    MetricList[metric].Key,
                    $"one figure for {AreaCodes[area]} in {PeriodList[period]}: row {_rows[first]} gives it already"
                );
            }
        }

        private static int NumberOf<T>(Dictionary<T, int> numbers, List<T> list, T key)
            where T : notnull
        {
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, key, out var seen);
            if (!seen)
            {
                number = list.Count;
                list.Add(key);
            }

            return number;
        }
    }
}
