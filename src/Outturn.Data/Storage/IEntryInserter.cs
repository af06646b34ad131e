using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>A bulk insert of new entries in progress, inside the caller's transaction.</summary>
internal interface IEntryInserter : IAsyncDisposable
{
    void Add(IEnumerable<Entry> entries);

    Task CompleteAsync(CancellationToken ct);
}
