using System.Globalization;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Reports;
using Outturn.Reports.Model;

namespace Outturn.Web.Endpoints;

/// <summary>GET /reports/{layout}?committee=&amp;period=&amp;format= : the report a dashboard shows, as a
/// file.</summary>
public static class ReportDownloads
{
    public static void MapReportDownloads(this IEndpointRouteBuilder app)
    {
        MapReports(app);
        MapPublishedCovering(app);
    }

    /// <summary>GET /committees/{committee}/covering-report?period=&amp;format= : the covering report published with
    /// a committee's dashboard, as it was published, to anyone who may see that publication.</summary>
    private static void MapPublishedCovering(IEndpointRouteBuilder app) =>
        app.MapGet(
                "/committees/{committee}/covering-report",
                async (
                    string committee,
                    string? period,
                    string? format,
                    Access access,
                    PdfRenderer pdfs,
                    HttpContext http,
                    CancellationToken ct
                ) =>
                {
                    committee = RouteText.Decode(committee);
                    if (
                        !Enum.TryParse<ReportFormat>(format ?? "pdf", true, out var reportFormat)
                        || reportFormat == ReportFormat.Csv
                        || !Period.TryParse(period, out var p)
                    )
                    {
                        return Results.NotFound();
                    }

                    var org = await access.OrganisationAsync(http.User, ct);
                    var seesDrafts = await access.CanSeeDraftsAsync(http.User, org);
                    var publication = await access.PublicationAsync(org, committee, p.ToString(), ct);
                    if (publication is null || (publication.WithdrawnAt is not null && !seesDrafts))
                    {
                        // Never published (or withdrawn): a visitor learns nothing of whether there is a paper.
                        return seesDrafts ? Results.NotFound()
                            : http.User.Identity?.IsAuthenticated == true ? Results.Forbid()
                            : Results.Challenge();
                    }

                    if (publication.CoveringSnapshot is not { } snapshot)
                    {
                        return Results.NotFound();
                    }

                    byte[] bytes;
                    try
                    {
                        bytes = await ReportFiles.BytesAsync(
                            ReportJson.Read(snapshot),
                            reportFormat,
                            pdfs,
                            string.Join('\n', org.Id, "covering", publication.CoveringDraftId, publication.Period),
                            ct
                        );
                    }
                    catch (PdfBusyException ex)
                    {
                        return Busy(http, ex);
                    }
                    if (reportFormat == ReportFormat.Html)
                    {
                        http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentPolicy;
                    }

                    var name =
                        $"{Slug.Of(committee)}-covering-report-{p.ToString().Replace('/', '-').Replace(' ', '-')}."
                        + ReportFiles.Extension(reportFormat);
                    return Results.File(bytes, ReportFiles.ContentType(reportFormat), name);
                }
            )
            .AllowAnonymous();

    private static void MapReports(IEndpointRouteBuilder app) =>
        app.MapGet(
                "/reports/{layout}",
                async (
                    string layout,
                    string? committee,
                    string? period,
                    string? format,
                    string? charts,
                    string? title,
                    string? subtitle,
                    EvaluationService evaluations,
                    ReportMaker reports,
                    TimeProvider clock,
                    Access access,
                    PdfRenderer pdfs,
                    HttpContext http,
                    CancellationToken ct
                ) =>
                {
                    if (
                        !Enum.TryParse<ReportLayout>(layout, true, out var kind)
                        || !Enum.TryParse<ReportFormat>(format ?? "pdf", true, out var reportFormat)
                        || !Enum.TryParse<ChartStyle>(charts ?? "inline", true, out var chartStyle)
                        || !Enum.IsDefined(chartStyle)
                    )
                    {
                        return Results.NotFound();
                    }

                    // A form's empty box is a heading not given.
                    (title, subtitle) = (title is "" ? null : title, subtitle is "" ? null : subtitle);
                    if (
                        !OwnHeading.TryRead(title, out var titleError, out var ownTitle)
                        || !OwnHeading.TryRead(subtitle, out titleError, out var ownSubtitle)
                    )
                    {
                        return Results.Problem(
                            statusCode: 400,
                            title: "Bad heading",
                            detail: $"{(ownTitle is null && title is not null ? "title" : "subtitle")}: {titleError}."
                        );
                    }

                    var org = await access.OrganisationAsync(http.User, ct);
                    Period p;
                    if (period is null)
                    {
                        p = await evaluations.ReportingPeriodAsync(
                            org,
                            ReportReading.NativeKind(kind),
                            clock.GetUtcNow(),
                            ct
                        );
                    }
                    else if (!Period.TryParse(period, out p))
                    {
                        return Results.Problem(
                            statusCode: 400,
                            title: "Bad period",
                            detail: $"'{period}' is not {Period.ExpectedForms}."
                        );
                    }

                    if (committee is not null && !(await evaluations.CommitteesAsync(org, ct)).Contains(committee))
                    {
                        return Results.NotFound();
                    }

                    // A visitor without an account may download a published committee dashboard, and nothing else: as
                    // it was published. The organisation's own people get the figures as they are now.
                    var seesDrafts = await access.CanSeeDraftsAsync(http.User, org);
                    var publication =
                        !seesDrafts && kind == ReportLayout.Dashboard && committee is not null && period is not null
                            ? (await access.PublicationAsync(org, committee, p.ToString(), ct))
                                is { WithdrawnAt: null } live
                                ? live
                                : null
                            : null;
                    if (!seesDrafts && publication is null)
                    {
                        return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
                    }

                    var doc = publication?.Snapshot is { } snapshot
                        ? ReportJson.Read(snapshot)
                        : await reports.GetAsync(
                            new ReportRequest(org, kind, p, committee, clock.GetUtcNow(), chartStyle),
                            ct
                        );
                    // The organisation's own people may give a paper its own headings; a published paper is as
                    // published.
                    if (seesDrafts)
                    {
                        doc = doc with { Title = ownTitle ?? doc.Title, Subtitle = ownSubtitle ?? doc.Subtitle };
                    }

                    // Named for what it is: "towns-and-communities-scrutiny-dashboard-2018-03.pdf".
                    var name =
                        $"{(committee is null ? "" : Slug.Of(committee) + "-")}{kind.ToString().ToLowerInvariant()}-"
                        + $"{p.ToString().Replace('/', '-').Replace(' ', '-')}.{ReportFiles.Extension(reportFormat)}";
                    byte[] bytes;
                    try
                    {
                        bytes = await ReportFiles.BytesAsync(
                            doc,
                            reportFormat,
                            pdfs,
                            publication is { Snapshot: not null }
                                ? string.Join(
                                    '\n',
                                    org.Id,
                                    publication.Committee,
                                    publication.Period,
                                    publication.PublishedAt.ToString("O", CultureInfo.InvariantCulture)
                                )
                                : null,
                            ct
                        );
                    }
                    catch (PdfBusyException ex)
                    {
                        return Busy(http, ex);
                    }

                    if (reportFormat == ReportFormat.Html)
                    {
                        http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentPolicy;
                    }

                    return Results.File(bytes, ReportFiles.ContentType(reportFormat), name);
                }
            )
            .AllowAnonymous();

    /// <summary>Every PDF printer is busy: try again in a few seconds.</summary>
    private static IResult Busy(HttpContext http, PdfBusyException ex)
    {
        http.Response.Headers.RetryAfter = "5";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: ex.Message);
    }
}
