using Microsoft.Extensions.Caching.Memory;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Reports.Model;

namespace Outturn.Web;

/// <summary>
/// Built report documents, kept while the organisation's data is unchanged: the key holds the organisation's
/// <see cref="Organisation.DataVersion"/>, which every change to its figures, framework or scheme raises (by the
/// web app, the API or the `outturn` command alike), so a document is never served after the data under it changed.
/// A committee's dashboard is built once and then read by many.
/// </summary>
public sealed class ReportCache(IMemoryCache cache)
{
    private long _builds;
    private long _hits;

    /// <summary>How many documents were built because none was cached (for monitoring the cache, and its
    /// tests).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>How many requests were served a cached document.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public async Task<ReportDocument> GetAsync(ReportRequest request, Func<Task<ReportDocument>> build)
    {
        var key = (
            request.Organisation.Id,
            request.Organisation.DataVersion,
            request.Layout,
            request.Period,
            request.Committee,
            request.Charts
        );
        if (cache.TryGetValue(key, out ReportDocument? document) && document is not null)
        {
            Interlocked.Increment(ref _hits);
            return document;
        }

        document = await build();
        Interlocked.Increment(ref _builds);
        cache.Set(
            key,
            document,
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) }
        );
        return document;
    }
}
