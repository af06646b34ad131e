using System.Globalization;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports.Layouts;
using Outturn.Reports.Model;

namespace Outturn.Web;

/// <summary>A covering report made into a paper: its draft checked against the figures it draws on (charts and
/// framework tables of measures the report holds), then built with the layout printed as its appendix. The editor
/// builds the draft in its form; publishing builds a saved version.</summary>
public sealed class CoveringPapers(EvaluationService evaluations, ReportMaker reports, TimeProvider clock)
{
    /// <summary>What a paper is drawn from, and what is wrong with the draft against it (nothing, to build
    /// it).</summary>
    public sealed record Prepared(ReportRequest Request, ReportInput Input, IReadOnlyList<string> Problems);

    /// <summary>Reads the figures for a paper to <paramref name="committee"/> ("" for every committee's):
    /// <paramref name="layout"/>'s for <paramref name="period"/>, or the latest period with figures.</summary>
    public async Task<Prepared> PrepareAsync(
        Organisation org,
        string committee,
        ReportLayout? layout,
        Period? period,
        CoveringDraft draft,
        CancellationToken ct
    )
    {
        var kind = layout ?? ReportLayout.Quarterly;
        var now = clock.GetUtcNow();
        var p = period ?? await evaluations.ReportingPeriodAsync(org, ReportReading.NativeKind(kind), now, ct);
        var request = new ReportRequest(org, kind, p, committee.Length == 0 ? null : committee, now);
        var input = await reports.InputAsync(request, ct);
        return new Prepared(request, input, CoveringReport.Check(draft, input.Items));
    }

    /// <summary>The paper, with its appendix when <paramref name="withAppendix"/>.</summary>
    public async Task<ReportDocument> BuildAsync(
        Prepared paper,
        CoveringDraft draft,
        string title,
        bool withAppendix,
        CancellationToken ct
    ) =>
        CoveringReport.Build(
            draft,
            title,
            paper.Input,
            withAppendix ? await reports.GetAsync(paper.Request, ct) : null
        );

    /// <summary>A saved version as a paper, built now from the figures as they are.</summary>
    /// <exception cref="OutturnException">The saved draft no longer fits the figures (a chart of a measure no
    /// longer reported to the committee, say), naming what is wrong.</exception>
    public async Task<ReportDocument> BuildSavedAsync(Organisation org, CoveringReportDraft saved, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var draft = CoveringDraft.Parse("the saved covering report", saved.Text, errors);
        ReportLayout? layout = Enum.TryParse<ReportLayout>(saved.Layout, true, out var kind) ? kind : null;
        Period? period = Period.TryParse(saved.Period, out var p) ? p : null;
        var paper = await PrepareAsync(org, saved.Committee, layout, period, draft, ct);
        var problems = errors
            .Select(e => $"line {e.Row}: '{e.Value}' is not {e.Expected}")
            .Concat(paper.Problems)
            .ToList();
        if (problems.Count > 0)
        {
            throw new OutturnException(
                $"The covering report for {saved.Meeting.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} "
                    + $"cannot be built: {string.Join("; ", problems)}."
            );
        }

        return await BuildAsync(paper, draft, saved.Title, layout is not null, ct);
    }
}
