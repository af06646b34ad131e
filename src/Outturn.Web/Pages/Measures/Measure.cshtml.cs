using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Reports.Model;

namespace Outturn.Web.Pages.Measures;

/// <summary>A measure's definition, trend chart, figures and commentary by period, and change history. A visitor
/// without an account, following a link on a published dashboard, sees the figures that publishing opened (up to the
/// last month published for a committee the measure is reported to), without its owner or change history.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[CachedForVisitors]
public sealed class MeasureModel(
    Access access,
    MeasureQueries measures,
    Data.Comparisons.ComparisonService comparisons,
    OutturnDbContext db
) : PageModel
{
    /// <summary>How the measure compares with its comparator group, England and its region in the latest period with
    /// national figures, when it is linked to a national metric (docs/comparisons.md).</summary>
    public Data.Comparisons.MeasureComparison? Comparison { get; private set; }

    /// <summary>Fingertips' recent-trend test of the council's own national figures for the compared metric, in
    /// words.</summary>
    public string? RecentTrend { get; private set; }

    /// <summary>The comparison chart's SVG (the table under it gives the same figures).</summary>
    public string? ComparisonSvg { get; private set; }

    /// <summary>A figure in the measure's own format; a national figure may be unrounded.</summary>
    public string Figure(double? value) => ValueFormatter.FormatFigure(value, _profile!);

    private MeasureProfile? _profile;

    /// <summary>The organisation's own people: every figure, the owner and the change history.</summary>
    public bool SeesDrafts { get; private set; }

    public MeasureRecord Record { get; private set; } = null!;

    /// <summary>After saving a figure: the period saved and its rating now.</summary>
    public (string Period, RatingResult Rating)? Saved { get; private set; }
    public bool CanEnter { get; private set; }

    /// <summary>Performance officers and administrators of the organisation change the definition.</summary>
    public bool CanAdminister { get; private set; }

    /// <summary>The item's latest period with an entry, in its own frequency; the entry links offer it and the
    /// next.</summary>
    public Domain.Periods.Period? LatestPeriod { get; private set; }
    public ChartBlock? Chart { get; private set; }

    /// <summary>The measure's XmR chart, when it has at least <see cref="SpcMinimum"/> figures.</summary>
    public Domain.Statistics.SpcChart? Spc { get; private set; }

    /// <summary>The measure's own ways of working out its SPC limits, in words; null when it has none.</summary>
    public string? SpcSettings => _profile is null ? null : Domain.Statistics.MeasureSpc.Settings(_profile);

    /// <summary>The fewest figures for which the page draws statistical process control: enough for its runs of
    /// seven.</summary>
    public const int SpcMinimum = 7;
    public IReadOnlyList<(string Period, string Figure, string Target, string? Commentary, string? Comparators)> Rows
    {
        get;
        private set;
    } = [];

    /// <summary>True when any period has an England, regional or statistical neighbours figure.</summary>
    public bool HasComparators => Rows.Any(r => r.Comparators is not null);
    public string PolarityWords =>
        Record.Item.Polarity switch
        {
            Polarity.HigherIsBetter => "Higher is better",
            Polarity.LowerIsBetter => "Lower is better",
            _ => "Neither",
        };
    public string UnitWords =>
        Record.Item.Unit == Unit.Rate ? $"Rate per {Record.Item.RatePer:N0}" : Codes.Of(Record.Item.Unit);

    /// <summary>How many periods, and how many changes, one page of the measure's tables shows.</summary>
    public const int PageSize = 25;

    /// <summary>The page of the figures table shown (<c>?figures=N</c>), latest periods first.</summary>
    public Paged<(string Period, string Figure, string Target, string? Commentary, string? Comparators)> FiguresPage
    {
        get;
        private set;
    } = Paged.Of<(string, string, string, string?, string?)>([], 1, PageSize);

    /// <summary>The page of the change history shown (<c>?changes=N</c>), latest first, each period in words.</summary>
    public Paged<(string Period, Data.Entities.EntryChange Change)> ChangesPage { get; private set; } =
        Paged.Of<(string, Data.Entities.EntryChange)>([], 1, PageSize);

    public async Task<IActionResult> OnGetAsync(
        string reference,
        string? saved,
        int? figures,
        int? changes,
        CancellationToken ct
    )
    {
        reference = RouteText.Decode(reference);
        var org = await access.OrganisationAsync(User, ct);
        SeesDrafts = await access.CanSeeDraftsAsync(User, org);
        if (!SeesDrafts && User.Identity?.IsAuthenticated == true)
        {
            return Forbid();
        }

        var record = await measures.FindAsync(org, reference, ct);
        if (!SeesDrafts)
        {
            // Nothing published for it: a visitor is asked to sign in, and learns nothing of whether it exists.
            if (
                record is null
                || !(await access.PublishedUntilAsync(org, ct)).TryGetValue(record.Item.Id, out var until)
            )
            {
                return Challenge();
            }

            record = record with { Entries = [.. record.Entries.Where(e => e.PeriodEnd <= until)], Changes = [] };
        }

        if (record is null)
        {
            return NotFound();
        }

        Record = record;
        var profile = record.Item.ToProfile();
        _profile = profile;
        await CompareAsync(org, record, ct);
        var scheme = org.ToScheme();
        var entries = record.Entries.Select(e => e.ToDomain()).ToList();
        // Targets set by comparison, and rating by significance, take the national data's figures where the row has
        // none, as every report does.
        var series = new Dictionary<int, ItemSeries> { [record.Item.Id] = new ItemSeries(entries) };
        await EvaluationService.NationalComparatorsAsync(db, org, [record.Item], series, ct);
        entries = [.. series[record.Item.Id].Entries];
        CanEnter = await access.CanEnterAsync(User, org, record.Item);
        CanAdminister = CanEnter && User.Allows(Policies.ManageFramework);
        var ownKind = profile.Frequency.NativePeriodKind();
        LatestPeriod = entries
            .Where(e => e.Period.Kind == ownKind)
            .OrderBy(e => e.Period.EndMonth)
            .Select(e => (Domain.Periods.Period?)e.Period)
            .LastOrDefault();
        if (saved is not null && Domain.Periods.Period.TryParse(saved, out var savedPeriod))
        {
            var evaluation = Evaluator.Evaluate(profile, scheme, new ItemSeries(entries), savedPeriod);
            Saved = (savedPeriod.Label, evaluation.Rating);
        }

        var native = profile.Frequency.NativePeriodKind();
        // Statistical process control over every figure of the measure's own periods, drawn on the chart when there
        // are enough for its rules (docs/spc.md).
        var spc =
            Domain.Statistics.MeasureSpc.Analyse(profile, new ItemSeries(entries)) is { } c
            && c.Periods.Count >= SpcMinimum
                ? c
                : null;
        var spcAt = spc is null
            ? []
            : spc.Periods.Select((p, i) => (p, spc.Chart.Points[i])).ToDictionary(x => x.p, x => x.Item2);
        var rebaseAt = spc is null ? [] : spc.Rebases.ToDictionary(r => spc.Periods[r.Index], r => r.Rebase.Reason);
        var points = entries
            .Where(e => e.Period.Kind == native)
            .TakeLast(24)
            .Select(e =>
                new ChartPoint(
                    e.Period.ToString(),
                    e.Value.IsNumber ? e.Value.Number : null,
                    e.Target is { HasNumber: true } t ? t.Value : null,
                    e.Value.IsNumber ? RagRater.Rate(profile, scheme, e).Final : null,
                    e.BenchmarkNational
                )
                {
                    StartsYear = ChartPoint.StartsYearOf(profile, e.Period),
                }
                    is var point
                && spcAt.TryGetValue(e.Period, out var s)
                    ? point with
                    {
                        Mean = s.Mean,
                        LowerLimit = s.LowerLimit,
                        UpperLimit = s.UpperLimit,
                        Signal = s.Variation,
                        Rebase = rebaseAt.GetValueOrDefault(e.Period),
                    }
                    : point
            )
            .ToList();
        Spc = spc?.Chart;
        if (points.Any(p => p.Value is not null))
        {
            var values = points.Where(p => p.Value is not null).ToList();
            Chart = new ChartBlock(
                $"Trend: {record.Item.Title}",
                $"{values.Count} figures from {Domain.Periods.Period.Parse(values[0].Period).Label} "
                    + $"({ValueFormatter.Format(values[0].Value!.Value, profile)}) to "
                    + $"{Domain.Periods.Period.Parse(values[^1].Period).Label} "
                    + $"({ValueFormatter.Format(values[^1].Value!.Value, profile)}).",
                points,
                profile.Unit.ToString()
            );
        }

        Rows =
        [
            .. entries
                .AsEnumerable()
                .Reverse()
                .Select(e =>
                    (
                        e.Period.Label,
                        e.Value.Kind switch
                        {
                            Domain.Values.OutturnKind.Number => ValueFormatter.Format(e.Value.Number, profile)
                                + (e.Qualifier is { } q ? $" ({Codes.Of(q)})" : ""),
                            Domain.Values.OutturnKind.Text => e.Value.Text!,
                            _ => e.Status is { } s ? Codes.Of(s).Replace('_', ' ')
                            : e.Value.MissingReason is { } r && entries.Count > 0 ? Codes.Of(r).Replace('_', ' ')
                            : "-",
                        },
                        e.Target is { HasNumber: true } t ? ValueFormatter.Format(t.Value, profile)
                        : e.ComparatorFigure() is { } resolved
                            ? $"{e.Target} ({ValueFormatter.Format(resolved, profile)})"
                        : e.Target?.ToString() ?? "-",
                        string.Join("\n\n", new[] { e.Commentary, e.CorrectiveAction }.Where(x => x is not null)),
                        Comparators(e, profile)
                    )
                ),
        ];
        FiguresPage = Paged.Of(Rows, figures, PageSize);
        ChangesPage = Paged.Of(
            [
                .. record.Changes.Select(c =>
                    (Domain.Periods.Period.TryParse(c.Period, out var p) ? p.Label : c.Period, c.Change)
                ),
            ],
            changes,
            PageSize
        );
        return Page();
    }

    private async Task CompareAsync(Data.Entities.Organisation org, MeasureRecord record, CancellationToken ct)
    {
        if (record.Item.BenchmarkMetric is null || org.AreaCode is null)
        {
            return;
        }

        var found = (await comparisons.CompareAsync(org, null, itemRef: record.Item.Ref, ct: ct)).SingleOrDefault();
        // A visitor sees the council's own figure only where publishing opened it; national figures are public.
        if (
            found is null
            || (!SeesDrafts && found.OwnFromEntry && !record.Entries.Any(e => e.Period == found.Period.ToString()))
        )
        {
            return;
        }

        Comparison = found;
        if (found.Trend is { } trend)
        {
            var words = trend.Words(record.Item.Polarity);
            RecentTrend =
                trend.Kind == Domain.Statistics.RecentTrendKind.CannotBeCalculated
                    ? "Cannot be worked out: it needs five periods' figures for this council"
                    : $"{char.ToUpperInvariant(words[0])}{words[1..]} over the last five periods (Fingertips' test)";
        }
        SmallNumbers = org.SmallNumbers;
        var compared = new Domain.Comparisons.ComparedWith(found.Group, found.Period, found.Result)
        {
            Members = [.. found.Members.Select(m => new Domain.Comparisons.ComparedArea(m.Area.Name, m.Figure))],
            SmallNumbers = org.SmallNumbers,
        };
        var chart = Outturn.Reports.Writers.ComparisonChart.Block(record.Item.Title, compared, record.Item.ToProfile());
        ComparisonBars = chart.Bars;
        ComparisonSvg = Outturn.Reports.Writers.ComparisonChart.Svg("comparison", chart);
    }

    /// <summary>The comparison's summary rows: this council's figure, rank and quartile (<paramref name="ranked"/>),
    /// or the group average, England and the region, each with what the significance says.</summary>
    public IEnumerable<(string Key, string Words)> ComparisonRows(bool ranked)
    {
        var r = Comparison!.Result;
        string Verdict(Domain.Comparisons.Significance s) =>
            r.Suppressed ? "" : ": this council is " + Domain.Comparisons.Comparison.Word(s);
        if (ranked)
        {
            yield return (
                "This council",
                Figure(r.Own.Value)
                    + (r.Ci95 is { } ci ? $" (95% confidence interval {Figure(ci.Lower)} to {Figure(ci.Upper)})" : "")
            );
            yield return ("Rank", r.RankText is { } rank ? $"{rank} (1st is best)" : "Not ranked");
            yield return ("Quartile", r.Quartile is { } q ? $"{q} of 4 (1 is the best quarter)" : "-");
            yield break;
        }

        var variance =
            !r.Suppressed && r.VariancePercent is { } v
                ? $"; this council's figure is {Math.Abs(v).ToString("0.0", CultureInfo.InvariantCulture)}% "
                    + (v >= 0 ? "above it" : "below it")
                : "";
        yield return (
            "Group average",
            Figure(r.GroupAverage)
                + (r.GroupMedian is { } median ? $" (median {Figure(median)})" : "")
                + variance
                + Verdict(r.VsGroup)
        );
        yield return ("England", Figure(r.EnglandValue) + Verdict(r.VsEngland));
        if (r.RegionValue is { } region)
        {
            yield return ("Region", Figure(region) + Verdict(r.VsRegion));
        }
    }

    /// <summary>Counts below this are suppressed.</summary>
    public int SmallNumbers { get; private set; }

    /// <summary>The chart's areas in its order, for the table that gives the same figures.</summary>
    public IReadOnlyList<ComparisonBar> ComparisonBars { get; private set; } = [];

    /// <summary>"England 83.2%; region 80.1%; statistical neighbours 81.0%", or null when none is recorded.</summary>
    private static string? Comparators(Domain.Values.PeriodEntry e, MeasureProfile profile)
    {
        var parts = new[]
        {
            ("England", e.BenchmarkNational),
            ("region", e.BenchmarkRegional),
            ("statistical neighbours", e.BenchmarkNeighbours),
        }
            .Where(p => p.Item2 is not null)
            .Select(p => $"{p.Item1} {ValueFormatter.Format(p.Item2!.Value, profile)}")
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
