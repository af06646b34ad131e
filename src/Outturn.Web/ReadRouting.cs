using Microsoft.Net.Http.Headers;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// Which database a request's context uses. What a visitor reads — a GET or HEAD carrying neither a session cookie
/// nor an API token, outside signing in and the health checks — goes to the read database when one is configured
/// (<see cref="OutturnOptions.ReadDatabase"/>, a streaming standby); everything else goes to the primary: every
/// write, and every read by someone signed in or holding a token, so that people always read their own writes at
/// once. A context made outside the request's own scope (data-protection keys, jobs) uses the primary too, since it
/// may write.
/// </summary>
/// <remarks>Decided before authentication runs (the session store is read through this context), from what the
/// request carries, not from who it turns out to be: a request with an expired cookie reads the primary, which is
/// never wrong, only not spread.</remarks>
public sealed class ReadRouting(DatabaseTarget primary, DatabaseTarget? read, IHttpContextAccessor http)
{
    /// <summary>The session cookie's name (set in <see cref="Extensions.AddOutturn"/>).</summary>
    public const string SessionCookie = "outturn";

    /// <summary>The database for a context made in <paramref name="scope"/>.</summary>
    public DatabaseTarget For(IServiceProvider scope) =>
        read is not null
        && http.HttpContext is { } context
        && ReferenceEquals(context.RequestServices, scope)
        && IsVisitorsRead(context.Request)
            ? read
            : primary;

    /// <summary>Whether a request only reads what visitors may see, and carries nobody's credentials.</summary>
    public static bool IsVisitorsRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Cookies.ContainsKey(SessionCookie)
        && !request.Headers.ContainsKey(HeaderNames.Authorization)
        && !request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
