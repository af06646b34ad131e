using Outturn.Data.Interchange;

namespace Outturn.Data.Tests;

/// <summary>Repeated keys found by sorting packed keys are those a hash table finds: the same later rows, each with the
/// first row of its key, in the order read.</summary>
public class RepeatedKeysTests
{
    [Fact]
    public void A_repeat_names_the_first_of_its_key_however_many_times_it_repeats()
    {
        (int, int, int)[] keys = [(0, 0, 0), (1, 0, 0), (0, 0, 0), (0, 1, 0), (0, 0, 0), (1, 0, 0)];

        var repeats = RepeatedKeys.Find(keys, (2, 2, 1));

        Assert.Equal([(2, 0), (4, 0), (5, 1)], repeats);
    }

    [Theory]
    [InlineData(1, 10_000)]
    [InlineData(2, 50_000)]
    [InlineData(3, 5_000)]
    public void Sorting_finds_what_a_hash_table_finds(int seed, int count)
    {
        var random = new Random(seed);
        var sizes = (A: random.Next(1, 40), B: random.Next(1, 400), C: random.Next(1, 12));
        var keys = Enumerable
            .Range(0, count)
            .Select(_ => (random.Next(sizes.A), random.Next(sizes.B), random.Next(sizes.C)))
            .ToArray();

        var sorted = RepeatedKeys.Find(keys, sizes);

        Assert.NotEmpty(sorted);
        Assert.Equal(RepeatedKeys.Hashed(keys), sorted);
    }

    [Fact]
    public void Keys_too_many_to_pack_are_still_found()
    {
        (int, int, int)[] keys = [(int.MaxValue - 1, 5, 7), (3, int.MaxValue - 1, 7), (int.MaxValue - 1, 5, 7)];

        var repeats = RepeatedKeys.Find(keys, (int.MaxValue, int.MaxValue, int.MaxValue));

        Assert.Equal([(2, 0)], repeats);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Keys_that_rise_in_either_order_have_no_repeats_and_any_other_order_is_looked_at(bool areaFirst)
    {
        // A metric's figures by period then area, or by area then period; each part numbered as first met.
        var keys = (
            from metric in Enumerable.Range(0, 3)
            from outer in Enumerable.Range(0, areaFirst ? 40 : 5)
            from inner in Enumerable.Range(0, areaFirst ? 5 : 40)
            select areaFirst ? (metric, outer, inner) : (metric, inner, outer)
        ).ToArray();

        Assert.True(RepeatedKeys.Ascending([keys]));
        Assert.True(RepeatedKeys.Ascending([keys.AsMemory(0, 100), keys.AsMemory(100)]));
        Assert.Empty(RepeatedKeys.Find(keys, (3, 40, 5)));

        (int, int, int)[] repeated = [.. keys[..150], keys[149], .. keys[150..]];
        Assert.False(RepeatedKeys.Ascending([repeated]));
        Assert.Equal([(150, 149)], RepeatedKeys.Find(repeated, (3, 40, 5)));

        (int, int, int)[] shuffled = [.. keys[..10], keys[20], .. keys[10..20], .. keys[21..]];
        Assert.False(RepeatedKeys.Ascending([shuffled]));
        Assert.Empty(RepeatedKeys.Find(shuffled, (3, 40, 5)));
        Assert.True(RepeatedKeys.Ascending([]));
    }
}
