using System.Collections;
using System.Collections.Concurrent;

namespace Outturn.Data.Interchange;

/// <summary>
/// A list that grows by adding arrays of a fixed size rather than copying everything into one twice as large: a
/// national file's millions of figures are never copied as they are read, and never need one array of hundreds of
/// megabytes (with another half its size still held while it is filled).
/// </summary>
/// <remarks>A list that hands each chunk on as it fills (<see cref="HandOn"/>) lets go of it and takes its next
/// chunks from those given back (<see cref="GiveBack"/>): a file of millions of rows streamed through it needs a few
/// chunks, not one per 16,384 rows. Memory new to the process is slow to touch for the first time (on this project's
/// machine, filling 350 MB of new arrays took a second), so chunks used again cost far less than new ones.</remarks>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 14;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]?> _chunks = [];
    private readonly ConcurrentQueue<T[]> _spares = new();
    private Action<T[]>? _filled;
    private bool _lettingGo;

    public int Count { get; private set; }

    /// <exception cref="InvalidOperationException">The item's chunk was handed on.</exception>
    public T this[int index] =>
        (uint)index < (uint)Count
            ? (_chunks[index >> Shift] ?? throw HandedOn())[index & (ChunkSize - 1)]
            : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The items after the last full chunk.</summary>
    public ReadOnlyMemory<T> Rest =>
        (Count & (ChunkSize - 1)) == 0 ? ReadOnlyMemory<T>.Empty : _chunks[^1].AsMemory(0, Count & (ChunkSize - 1));

    /// <summary>The items in order, a chunk at a time.</summary>
    /// <exception cref="InvalidOperationException">A chunk was handed on.</exception>
    public IEnumerable<ReadOnlyMemory<T>> Chunks
    {
        get
        {
            for (var i = 0; i < _chunks.Count; i++)
            {
                yield return (_chunks[i] ?? throw HandedOn()).AsMemory(0, Math.Min(ChunkSize, Count - (i << Shift)));
            }
        }
    }

    /// <summary>Calls <paramref name="filled"/> with each chunk as it fills (it is not changed after), and, when
    /// <paramref name="letGo"/>, lets go of it: its items can no longer be read from the list, and whoever took it
    /// may give it back for the list to fill again.</summary>
    public void HandOn(Action<T[]> filled, bool letGo)
    {
        _filled = filled;
        _lettingGo = letGo;
    }

    /// <summary>A chunk handed on and no longer needed, to be filled again (from any thread).</summary>
    public void GiveBack(T[] chunk)
    {
        if (chunk.Length == ChunkSize)
        {
            _spares.Enqueue(chunk);
        }
    }

    public void Add(in T item)
    {
        var at = Count & (ChunkSize - 1);
        if (at == 0)
        {
            _chunks.Add(_spares.TryDequeue(out var spare) ? spare : new T[ChunkSize]);
        }

        var chunk = _chunks[^1]!;
        chunk[at] = item;
        Count++;
        if (at == ChunkSize - 1 && _filled is { } filled)
        {
            if (_lettingGo)
            {
                _chunks[^1] = null;
            }

            filled(chunk);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in Chunks)
        {
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return chunk.Span[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InvalidOperationException HandedOn() =>
        new("The list has handed this chunk on and no longer holds it.");
}
