using System.Net;

namespace Outturn.Web;

/// <summary>
/// While the database cannot be reached — PostgreSQL restarting or failed over, the network to it down, SQLite's file
/// locked beyond the busy timeout — every request that needs it is answered "503 Service Unavailable" with
/// <c>Retry-After</c>, never a stack trace: a page in words for a person, a ProblemDetails for the API. The page is
/// written here, not by re-running the app's pages, which would ask the database again (to check a signed-in
/// person's session). Nothing is kept of a failed request, so nothing half-written: every write is one transaction.
/// Once the database is back the next request works; the connection pools drop their broken connections.
/// </summary>
public static partial class DatabaseOutage
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the database cannot be reached now
    /// (rather than that a request or the data is wrong).</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg
                    when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case Npgsql.NpgsqlException { IsTransient: true }:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }

    public static async Task AnswerAsync(HttpContext context, ILogger log)
    {
        Unavailable(log, context.TraceIdentifier);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        var asked =
            context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path;
        if (OutturnExceptionHandler.IsMachineAddress(asked))
        {
            await Results
                .Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Service unavailable",
                    detail: $"The database cannot be reached just now: try again in {RetryAfterSeconds} seconds.",
                    extensions: new Dictionary<string, object?> { ["request_id"] = context.TraceIdentifier }
                )
                .ExecuteAsync(context);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $$"""
            <!DOCTYPE html>
            <html lang="en-GB" class="govuk-template">
            <head><meta charset="utf-8"><title>Sorry, the service is unavailable – Outturn</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">
            <link rel="stylesheet" href="/outturn.css"></head>
            <body class="govuk-template__body">
            <header class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo"><a href="/" class="govuk-generic-header__homepage-link">Outturn</a>
            </div></div></header>
            <div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
            <h1 class="govuk-heading-xl">Sorry, the service is unavailable</h1>
            <p class="govuk-body">The service cannot reach its data just now. Try again in a few seconds: nothing you
            saved before this page is lost.</p>
            <p class="govuk-body-s">If it goes on, give the service desk this reference:
            <code>{{WebUtility.HtmlEncode(context.TraceIdentifier)}}</code></p>
            </main></div></body></html>
            """,
            context.RequestAborted
        );
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Request {RequestId} answered 503: the database cannot be reached"
    )]
    private static partial void Unavailable(ILogger logger, string requestId);
}
