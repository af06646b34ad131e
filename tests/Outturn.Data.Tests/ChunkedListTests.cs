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
        list.Filled = chunk => handed.AddRange(chunk.ToArray());
        for (var i = 0; i < 40_000; i++)
        {
            list.Add(i);
        }

        Assert.Equal(Enumerable.Range(0, 32_768), handed);
        Assert.Equal(Enumerable.Range(32_768, 40_000 - 32_768), list.Rest.ToArray());
    }
}
