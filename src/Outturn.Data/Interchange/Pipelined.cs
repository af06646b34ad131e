using System.Collections.Concurrent;

namespace Outturn.Data.Interchange;

/// <summary>
/// Reads a sequence on a thread of its own, a batch ahead of the one using it: a large file is read and its cells
/// checked on one processor while its rows are interpreted on another. The items cross between the threads in
/// batches, so that each costs the hand-over once per batch; at most a few batches wait. An exception in the reading
/// reaches the caller as the sequence's; a caller that stops early stops the reading.
/// </summary>
internal static class Pipelined
{
    // A thousand rows a batch, four batches ahead: a megabyte or so of rows in flight rather than ten (the national
    // import of 4M figures timed the same, within its noise, with 4,096 rows eight ahead).
    private const int Batch = 1024;
    private const int BatchesAhead = 4;

    /// <summary>The items of <paramref name="source"/>, enumerated on another thread. Whatever the enumeration
    /// writes besides its items (an error list) is the caller's to read once the sequence has ended.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        using var batches = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var batch = new List<T>(Batch);
                    foreach (var item in source)
                    {
                        batch.Add(item);
                        if (batch.Count == Batch)
                        {
                            batches.Add([.. batch], stop.Token);
                            batch.Clear();
                        }
                    }

                    if (batch.Count > 0)
                    {
                        batches.Add([.. batch], stop.Token);
                    }
                }
                finally
                {
                    batches.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default
        );

        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            reading.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                reading.Wait();
            }
            catch (AggregateException)
            {
                // Stopped because the caller stopped (its own exception, if any, is the one that matters), or the
                // reading's exception already rethrown above.
            }
        }
    }
}
