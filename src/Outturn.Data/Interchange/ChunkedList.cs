using System.Collections;

namespace Outturn.Data.Interchange;

/// <summary>
/// A list that grows by adding arrays of a fixed size rather than copying everything into one twice as large: a
/// national file's millions of figures are never copied as they are read, and never need one array of hundreds of
/// megabytes (with another half its size still held while it is filled).
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 14;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index] =>
        (uint)index < (uint)Count
            ? _chunks[index >> Shift][index & (ChunkSize - 1)]
            : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Called with each chunk as it fills, which is not changed after.</summary>
    public Action<ReadOnlyMemory<T>>? Filled { get; set; }

    /// <summary>The items after the last full chunk.</summary>
    public ReadOnlyMemory<T> Rest =>
        (Count & (ChunkSize - 1)) == 0 ? ReadOnlyMemory<T>.Empty : _chunks[^1].AsMemory(0, Count & (ChunkSize - 1));

    public void Add(in T item)
    {
        if ((Count & (ChunkSize - 1)) == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[Count >> Shift][Count & (ChunkSize - 1)] = item;
        Count++;
        if ((Count & (ChunkSize - 1)) == 0)
        {
            Filled?.Invoke(_chunks[^1]);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _chunks[i >> Shift][i & (ChunkSize - 1)];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
