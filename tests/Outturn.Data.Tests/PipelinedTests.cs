using Outturn.Data.Interchange;

namespace Outturn.Data.Tests;

/// <summary>A sequence read on another thread gives the same items in the same order, passes on the reading's
/// exception, and stops the reading when its caller stops.</summary>
public class PipelinedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(100_001)]
    public void Gives_every_item_in_order(int count)
    {
        Assert.Equal(Enumerable.Range(0, count), Pipelined.Of(Enumerable.Range(0, count)));
    }

    [Fact]
    public void The_readings_exception_is_the_sequences()
    {
        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 5000; i++)
            {
                yield return i;
            }

            throw new InvalidDataException("row 5001 is broken");
        }

        var seen = new List<int>();
        var thrown = Assert.Throws<InvalidDataException>(() => seen.AddRange(Pipelined.Of(Failing())));
        Assert.Equal("row 5001 is broken", thrown.Message);
    }

    [Fact]
    public void A_caller_that_stops_stops_the_reading()
    {
        var read = 0;
        var disposed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                while (true)
                {
                    yield return Interlocked.Increment(ref read);
                }
            }
            finally
            {
                disposed = true;
            }
        }

        Assert.Equal(Enumerable.Range(1, 10), Pipelined.Of(Endless()).Take(10));

        // Once the sequence is let go, the reading has ended: no more items are read and its source is disposed.
        Assert.True(disposed);
        var after = Volatile.Read(ref read);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref read));
    }
}
