namespace Outturn.Web;

/// <summary>
/// Response headers on every page, file and API answer: a Content-Security-Policy that lets nothing load or run from
/// another host and no inline script run (the pages have none), no sniffing of content types, no framing, no
/// referrer sent elsewhere, and no powerful browser features. A response that sets its own policy (a downloaded
/// HTML report, whose styles are inline) keeps it.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>For a standalone HTML report: its own inline styles, nothing else.</summary>
    public const string DocumentPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; "
        + "form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    if (!headers.ContainsKey("Content-Security-Policy"))
                    {
                        headers.ContentSecurityPolicy = Policy;
                    }

                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                    headers["Permissions-Policy"] =
                        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    return Task.CompletedTask;
                });
                return next(context);
            }
        );
}
