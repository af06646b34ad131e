using Microsoft.Extensions.Caching.Memory;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Web;

/// <summary>
/// PDFs for the web app: one Chromium for the life of the app (started on first use), at most
/// <see cref="Concurrent"/> pages printing at once and <see cref="Waiting"/> more waiting, so that no number of
/// visitors asking for PDFs can start browsers without bound. A request past the queue is refused at once
/// (<see cref="PdfBusyException"/>, answered 503 with Retry-After). PDFs of published reports, which never change,
/// are kept and served again.
/// </summary>
public sealed class PdfRenderer(IMemoryCache cache) : IAsyncDisposable
{
    public const int Concurrent = 2;
    public const int Waiting = 8;

    private readonly SemaphoreSlim _printing = new(Concurrent, Concurrent);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PdfWriter? _writer;
    private int _queued;

    /// <summary>How many PDFs have been printed (not served from the cache), for tests and metrics.</summary>
    public int Printed => _printed;
    private int _printed;

    /// <param name="publishedKey">For a published report, what identifies it (organisation, committee, period and
    /// when it was published): its PDF is kept; null for live figures, printed afresh.</param>
    public async Task<byte[]> RenderAsync(ReportDocument doc, string? publishedKey, CancellationToken ct)
    {
        if (publishedKey is not null && cache.TryGetValue(("pdf", publishedKey), out byte[]? kept) && kept is not null)
        {
            return kept;
        }

        if (Interlocked.Increment(ref _queued) > Concurrent + Waiting)
        {
            Interlocked.Decrement(ref _queued);
            throw new PdfBusyException();
        }

        try
        {
            await _printing.WaitAsync(ct);
            try
            {
                var writer = await WriterAsync();
                var bytes = await writer.WriteAsync(
                    HtmlWriter.Write(doc),
                    $"{doc.Title} — {doc.Subtitle}",
                    doc.PrintsLandscape
                );
                Interlocked.Increment(ref _printed);
                if (publishedKey is not null)
                {
                    cache.Set(
                        ("pdf", publishedKey),
                        bytes,
                        new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(12) }
                    );
                }

                return bytes;
            }
            finally
            {
                _printing.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private async Task<PdfWriter> WriterAsync()
    {
        if (_writer is { } ready)
        {
            return ready;
        }

        await _starting.WaitAsync();
        try
        {
            return _writer ??= await PdfWriter.StartAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _printing.Dispose();
        _starting.Dispose();
    }
}

/// <summary>Every place for printing a PDF is taken: try again shortly.</summary>
public sealed class PdfBusyException() : Exception("PDF printing is busy: try again in a few seconds.");
