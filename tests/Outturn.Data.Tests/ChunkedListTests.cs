using Outturn.Data.Interchange;

namespace Outturn.Data.Tests;

public class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16_384)]
    [InlineData(16_385)]
    [InlineData(50_000)]
    public void Holds_what_was_added_in_order_across_its_chunks(int count)
    {
        var list = new ChunkedList<(int, double)>();
        for (var i = 0; i < count; i++)
        {
            list.Add((i, i / 2.0));
        }

        Assert.Equal(count, list.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (i, i / 2.0)), list);
        if (count > 0)
        {
            Assert.Equal((count - 1, (count - 1) / 2.0), list[count - 1]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void Each_chunk_is_handed_on_as_it_fills_and_the_rest_after()
    {
        var list = new ChunkedList<int>();
        var handed = new List<int>();
        list.HandOn(chunk => handed.AddRange(chunk), letGo: false);
        for (var i = 0; i < 40_000; i++)
        {
            list.Add(i);
        }

        Assert.Equal(Enumerable.Range(0, 32_768), handed);
        Assert.Equal(Enumerable.Range(32_768, 40_000 - 32_768), list.Rest.ToArray());
    }

    [Fact]
    public void A_list_that_lets_go_of_its_chunks_fills_those_given_back_instead_of_new_ones()
    {
        var list = new ChunkedList<int>();
        var handed = new List<int[]>();
        var seen = new List<int>();
        list.HandOn(
            chunk =>
            {
                seen.AddRange(chunk);
                handed.Add(chunk);
                list.GiveBack(chunk);
            },
            letGo: true
        );
        for (var i = 0; i < 50_000; i++)
        {
            list.Add(i);
        }

        Assert.Equal(50_000, list.Count);
        Assert.Equal(Enumerable.Range(0, 3 * 16_384), seen);
        Assert.Equal(3, handed.Count);
        Assert.All(handed, chunk => Assert.Same(handed[0], chunk));
        Assert.Equal(Enumerable.Range(3 * 16_384, 50_000 - 3 * 16_384), list.Rest.ToArray());
        Assert.Equal(49_999, list[49_999]);
        Assert.Throws<InvalidOperationException>(() => list[0]);
        Assert.Throws<InvalidOperationException>(() => list.ToList());
    }
}
