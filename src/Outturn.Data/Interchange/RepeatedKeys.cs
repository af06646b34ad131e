using System.Runtime.InteropServices;

namespace Outturn.Data.Interchange;

/// <summary>
/// Finds the keys that repeat among many, each key three small numbers (a figure's metric, area and period, each
/// numbered as first met). A million rows are checked by sorting one array of 64-bit keys, read in order, rather than
/// by a million inserts into a hash table, each a jump to a random place in tens of megabytes. Keys whose numbers
/// cannot be packed into 64 bits (never in practice: it needs millions of metrics, areas and periods together) are
/// checked with a hash table instead; both give the same answer.
/// </summary>
internal static class RepeatedKeys
{
    /// <summary>Each key met before, as the index of the later one and of the first, ordered by the later.</summary>
    /// <param name="keys">The keys in the order met.</param>
    /// <param name="sizes">How many distinct values each part of a key takes: every part is from 0 to its size −
    /// 1.</param>
    public static List<(int Later, int First)> Find(
        ReadOnlySpan<(int A, int B, int C)> keys,
        (int A, int B, int C) sizes
    )
    {
        var (a, b, c) = (Math.Max(sizes.A, 1), Math.Max(sizes.B, 1), Math.Max(sizes.C, 1));
        return (double)a * b * c < long.MaxValue ? Sorted(keys, b, c) : Hashed(keys);
    }

    /// <summary>Whether the keys only ever rise, taken in the order (A, B, C) or in the order (A, C, B): then no key
    /// repeats, and none need sorting. National files are written grouped (by metric, then period, then area, or by
    /// metric, then area, then period), and a key's parts are numbered as first met, so that such a file's keys rise
    /// in one of the two orders and four million of them are checked in one pass.</summary>
    public static bool Ascending(IEnumerable<ReadOnlyMemory<(int A, int B, int C)>> chunks)
    {
        var (abc, acb, first) = (true, true, true);
        var last = (A: 0, B: 0, C: 0);
        foreach (var chunk in chunks)
        {
            foreach (var key in chunk.Span)
            {
                if (!first)
                {
                    abc &=
                        key.A != last.A ? key.A > last.A
                        : key.B != last.B ? key.B > last.B
                        : key.C > last.C;
                    acb &=
                        key.A != last.A ? key.A > last.A
                        : key.C != last.C ? key.C > last.C
                        : key.B > last.B;
                    if (!abc && !acb)
                    {
                        return false;
                    }
                }

                (last, first) = (key, false);
            }
        }

        return true;
    }

    /// <summary>The same as <see cref="Find"/> by a hash table (the reference the sorted way is tested
    /// against).</summary>
    internal static List<(int Later, int First)> Hashed(ReadOnlySpan<(int A, int B, int C)> keys)
    {
        var first = new Dictionary<(int, int, int), int>(keys.Length);
        var repeats = new List<(int, int)>();
        for (var i = 0; i < keys.Length; i++)
        {
            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(first, keys[i], out var seen);
            if (seen)
            {
                repeats.Add((i, at));
            }
            else
            {
                at = i;
            }
        }

        return repeats;
    }

    private static List<(int Later, int First)> Sorted(ReadOnlySpan<(int A, int B, int C)> keys, long b, long c)
    {
        var packed = new long[keys.Length];
        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var (x, y, z) = keys[i];
            packed[i] = ((x * b) + y) * c + z;
            order[i] = i;
        }

        Array.Sort(packed, order);
        var repeats = new List<(int Later, int First)>();
        for (var start = 0; start < packed.Length; )
        {
            var end = start + 1;
            while (end < packed.Length && packed[end] == packed[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                // The sort does not keep the order met among equal keys: the first is the smallest index.
                var run = order.AsSpan(start, end - start);
                run.Sort();
                foreach (var later in run[1..])
                {
                    repeats.Add((later, run[0]));
                }
            }

            start = end;
        }

        repeats.Sort((x, y) => x.Later.CompareTo(y.Later));
        return repeats;
    }
}
