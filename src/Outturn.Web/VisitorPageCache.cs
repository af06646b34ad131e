using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// Marks a page whose answer to a visitor (anyone not signed in) depends only on its address, what visitors may see
/// of the organisation's data — published figures, framework, scheme and publications, all of which raise its
/// visitors' version (<see cref="Organisation.VisitorVersion"/>, <see cref="DataVersion"/>) — and the day. Such a
/// page must offer visitors no form that posts (its anti-forgery token would be another visitor's).
/// <see cref="VisitorPageCache"/> keeps its bytes.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CachedForVisitorsAttribute : Attribute;

/// <summary>
/// The rendered pages visitors read — a committee's published dashboard, read by many, changed rarely — kept as
/// bytes under the organisation's visitors' version, so that a visitor's request costs one small query (the version:
/// another instance of the app, or the `outturn` command, may have changed the data) and writing the bytes, not
/// the page's queries and rendering. Each answer carries an entity tag of its bytes, and a browser that already
/// holds them is answered "304 Not Modified". Signed-in people are never served from here: their pages show
/// drafts, their name and forms of their own. Figures entered for a period no publication opens yet (the month being
/// collected) leave the visitors' version, and so these pages, as they are (decision record 0010).
/// </summary>
public sealed class VisitorPageCache(OutturnOptions options) : IDisposable
{
    /// <summary>Pages kept, by their bytes: at most this many in all (least recently read dropped first).</summary>
    public const long SizeLimit = 64 * 1024 * 1024;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private long _hits;
    private long _stores;

    /// <summary>Requests answered from a kept page (a 304 included).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Pages rendered and kept.</summary>
    public long Stores => Interlocked.Read(ref _stores);

    private sealed record Page(byte[] Body, string ContentType, string ETag);

    private readonly record struct Key(int Organisation, long Version, DateOnly Day, string Host, string Address);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (
            !HttpMethods.IsGet(context.Request.Method)
            || context.User.Identity?.IsAuthenticated == true
            || context.GetEndpoint()?.Metadata.GetMetadata<CachedForVisitorsAttribute>() is null
        )
        {
            await next(context);
            return;
        }

        var services = context.RequestServices;
        var stamp = await DataVersion.OfVisitorsOrganisationAsync(
            services.GetRequiredService<OutturnDbContext>(),
            options.Organisation,
            context.RequestAborted
        );
        if (stamp is not { } org)
        {
            await next(context);
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var key = new Key(
            org.Id,
            org.Version,
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            context.Request.Host.Value ?? "",
            context.Request.PathBase + context.Request.Path + context.Request.QueryString
        );
        if (_pages.TryGetValue(key, out Page? kept) && kept is not null)
        {
            Interlocked.Increment(ref _hits);
            await WriteAsync(context, kept);
            return;
        }

        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        var response = context.Response;
        if (
            response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || response.ContentType is not { } type
            || !type.StartsWith("text/html", StringComparison.Ordinal)
        )
        {
            // Whatever else the page answered (a redirect to sign in, "not found", a cookie) is passed on as it is.
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
            return;
        }

        var bytes = buffer.ToArray();
        var page = new Page(bytes, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"");
        _pages.Set(
            key,
            page,
            new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromMinutes(30) }
        );
        Interlocked.Increment(ref _stores);
        await WriteAsync(context, page);
    }

    public void Dispose() => _pages.Dispose();

    private static Task WriteAsync(HttpContext context, Page page)
    {
        var response = context.Response;
        response.Headers.ETag = page.ETag;
        // A browser (or a shared cache) checks with the server before each reuse: the figures may change at any time.
        response.Headers.CacheControl = "no-cache";
        if (
            context.Request.Headers.IfNoneMatch.Any(v =>
                v is not null && v.Split(',').Any(t => t.Trim() is var tag && (tag == page.ETag || tag == "*"))
            )
        )
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        response.ContentLength = page.Body.Length;
        return response.Body.WriteAsync(page.Body, context.RequestAborted).AsTask();
    }
}
