using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Web.Pages.Committees;

/// <summary>A committee's monthly dashboard: the same document as the dashboard report, laid out with GOV.UK
/// styles.</summary>
[AllowAnonymous]
[CachedForVisitors]
public sealed class DashboardModel(
    EvaluationService evaluations,
    ReportMaker reports,
    TimeProvider clock,
    Access access,
    CoveringDrafts drafts,
    CoveringPapers papers,
    Data.Cycle.PeriodLockService locks
) : PageModel
{
    public bool SeesDrafts { get; private set; }
    public bool IsPublished { get; private set; }
    public bool CanPublish { get; private set; }

    public string Committee { get; private set; } = "";
    public Period Period { get; private set; }
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public ReportDocument Report { get; private set; } = null!;

    /// <summary>When the page shows the dashboard as it was published: the date it was published.</summary>
    public DateTime? AsPublishedOn { get; private set; }

    /// <summary>The publication shown or of the period shown (its versions, corrections, withdrawal).</summary>
    public Data.Entities.Publication? Publication { get; private set; }

    /// <summary>The earlier versions of <see cref="Publication"/>, oldest first.</summary>
    public IReadOnlyList<Data.Entities.PublicationVersion> Versions { get; private set; } = [];

    /// <summary>When an earlier version is shown: which.</summary>
    public Data.Entities.PublicationVersion? ShownVersion { get; private set; }

    /// <summary>For a visitor asking for a withdrawn period: the publication, to say when and why.</summary>
    public Data.Entities.Publication? Withdrawn { get; private set; }

    /// <summary>For the organisation's own people on a published period: there is an as-published version to
    /// show.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>The ratings whose rows are shown (?show=red,amber); empty: every row.</summary>
    public IReadOnlySet<Domain.Rating.Rag> Shown { get; private set; } = new HashSet<Domain.Rating.Rag>();

    public static readonly IReadOnlyList<(Domain.Rating.Rag Rag, string Code)> Filters =
    [
        .. new[]
        {
            Domain.Rating.Rag.Red,
            Domain.Rating.Rag.Amber,
            Domain.Rating.Rag.Green,
            Domain.Rating.Rag.Blue,
            Domain.Rating.Rag.NoTarget,
            Domain.Rating.Rag.NoData,
        }.Select(r => (r, Domain.Framework.Codes.Of(r))),
    ];

    public async Task<IActionResult> OnGetAsync(
        string committee,
        string? period,
        string? view,
        string[]? show,
        int? version,
        CancellationToken ct
    )
    {
        Shown = (show ?? [])
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s =>
                Domain.Framework.Codes.TryParse<Domain.Rating.Rag>(s, out var rag) ? rag : (Domain.Rating.Rag?)null
            )
            .OfType<Domain.Rating.Rag>()
            .ToHashSet();
        committee = RouteText.Decode(committee);
        var org = await access.OrganisationAsync(User, ct);
        if (!(await evaluations.CommitteesAsync(org, ct)).Contains(committee))
        {
            return NotFound();
        }

        SeesDrafts = await access.CanSeeDraftsAsync(User, org);
        if (
            !SeesDrafts
            && Period.TryParse(period, out var asked)
            && await access.PublicationAsync(org, committee, asked.ToString(), ct) is { WithdrawnAt: not null } gone
        )
        {
            // The public is told that it was withdrawn, and why: not that it never existed.
            (Committee, Period, Withdrawn) = (committee, asked, gone);
            return Page();
        }

        var published = await access.PublishedPeriodsAsync(org, committee, ct);
        var latest =
            SeesDrafts ? await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct)
            : published.Count > 0 ? Period.Parse(published[0])
            : default;
        if (!SeesDrafts && published.Count == 0)
        {
            return Challenge();
        }

        Periods = SeesDrafts
            ? [.. Enumerable.Range(0, 36).Select(i => latest.Shift(-i))]
            : [.. published.Select(Period.Parse)];
        if (period is null)
        {
            Period = latest;
        }
        else if (!Period.TryParse(period, out var p) || p.Kind != PeriodKind.Month)
        {
            return NotFound();
        }
        else
        {
            Period = p;
        }

        IsPublished = published.Contains(Period.ToString());
        if (!SeesDrafts && !IsPublished)
        {
            // Not published: a visitor is asked to sign in, and learns nothing of whether there are figures.
            return Challenge();
        }

        CanPublish =
            SeesDrafts
            && Period.HasEndedBy(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            && User.Allows(Policies.Publish);
        Committee = committee;
        // A published period is shown as it was published to everyone without an account (and to anyone who asks
        // for it with view=published); the organisation's own people see the figures as they are now by default.
        var publication = await access.PublicationAsync(org, committee, Period.ToString(), ct);
        Publication = publication;
        Versions = publication is null ? [] : await access.VersionsAsync(publication, ct);
        publication = IsPublished ? publication : null;
        HasSnapshot = publication?.Snapshot is not null;
        if (
            publication is not null
            && version is { } v
            && v < publication.Version
            && Versions.FirstOrDefault(x => x.Version == v) is { Snapshot: { } old } earlier
        )
        {
            Report = Only(ReportJson.Read(old), Shown);
            (AsPublishedOn, ShownVersion) = (earlier.PublishedAt, earlier);
            return Page();
        }

        if (publication?.Snapshot is { } snapshot && (!SeesDrafts || view == "published"))
        {
            Report = Only(ReportJson.Read(snapshot), Shown);
            AsPublishedOn = publication.CorrectedAt ?? publication.PublishedAt;
            return Page();
        }

        var request = new ReportRequest(org, ReportLayout.Dashboard, Period, committee, clock.GetUtcNow());
        Report = Only(await reports.GetAsync(request, ct), Shown);
        return Page();
    }

    /// <summary>The dashboard with only the rows rated as <paramref name="shown"/> says (all when it is empty); a table
    /// left with no rows, and its charts, are dropped.</summary>
    public static ReportDocument Only(ReportDocument doc, IReadOnlySet<Domain.Rating.Rag> shown)
    {
        if (shown.Count == 0)
        {
            return doc;
        }

        ReportSection Filter(ReportSection section)
        {
            var tables = section
                .Blocks.OfType<TableBlock>()
                .Select(t =>
                    t with
                    {
                        Rows = [.. t.Rows.Where(r => r.Cells.Any(c => c.Rating is { } rag && shown.Contains(rag)))],
                    }
                )
                .ToList();
            var kept = tables.SelectMany(t => t.Rows).Select(r => r.ItemRef).OfType<string>().ToHashSet();
            var blocks = section
                .Blocks.Select(b =>
                    b switch
                    {
                        TableBlock t => tables.First(x => x.Caption == t.Caption) is { Rows.Count: > 0 } filtered
                            ? filtered
                            : null,
                        ChartBlock c => c.ItemRef is null || kept.Contains(c.ItemRef) ? c : null,
                        _ => b,
                    }
                )
                .OfType<ReportBlock>()
                .ToList();
            return new ReportSection(section.Title, blocks) { Subsections = [.. section.Subsections.Select(Filter)] };
        }

        return doc with
        {
            Sections = [.. doc.Sections.Select(Filter)],
        };
    }

    /// <summary>Publishes the committee's period: from then on anyone may see it. Performance officers and
    /// administrators only. With <paramref name="lock"/>, the month is locked too (<see
    /// cref="Domain.Cycle.PeriodLocks"/>), unless it is already.</summary>
    public async Task<IActionResult> OnPostPublishAsync(
        string committee,
        string period,
        bool confirmed,
        long? covering,
        bool @lock,
        CancellationToken ct
    )
    {
        committee = RouteText.Decode(committee);
        var org = await access.OrganisationAsync(User, ct);
        if (!User.Allows(Policies.Publish) || !await access.CanSeeDraftsAsync(User, org))
        {
            return Forbid();
        }

        if (
            !(await evaluations.CommitteesAsync(org, ct)).Contains(committee)
            || !Period.TryParse(period, out var p)
            || p.Kind != PeriodKind.Month
        )
        {
            return NotFound();
        }

        // What the committee is shown is kept as it is now: later changes to the figures do not change it.
        var now = clock.GetUtcNow();
        if (!p.HasEndedBy(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            // The page offers no button for a period not yet over; this is a crafted request.
            return BadRequest($"{p.Label} cannot be published until it has ended.");
        }

        // Publishing is never one click: the check page comes first and asks for a confirmation.
        if (!confirmed)
        {
            return Redirect(
                $"/committees/{Uri.EscapeDataString(committee)}/publish?period={Uri.EscapeDataString(p.ToString())}"
                    + "&unconfirmed=true"
            );
        }

        PublishedCovering? paper = null;
        if (covering is { } id)
        {
            // The paper chosen on the check page: one of this committee's saved versions.
            if (await drafts.ByIdAsync(org, id, ct) is not { } draft || draft.Committee != committee)
            {
                return BadRequest("Choose one of the committee's covering reports, or none.");
            }

            try
            {
                paper = new PublishedCovering(id, ReportJson.Write(await papers.BuildSavedAsync(org, draft, ct)));
            }
            catch (OutturnException ex)
            {
                return BadRequest(ex.Message);
            }
        }

        var snapshot = await reports.BuildAsync(new ReportRequest(org, ReportLayout.Dashboard, p, committee, now), ct);
        await access.PublishAsync(
            org,
            committee,
            p.ToString(),
            User.Identity!.Name!,
            now.UtcDateTime,
            ct,
            ReportJson.Write(snapshot),
            paper
        );
        if (@lock && User.Allows(Policies.LockPeriods) && !(await locks.ByMonthAsync(org, ct)).ContainsKey(p.EndMonth))
        {
            await locks.LockAsync(org, p, User.Identity!.Name!, ct);
        }

        return RedirectToPage(new { committee, period = p.ToString() });
    }
}
