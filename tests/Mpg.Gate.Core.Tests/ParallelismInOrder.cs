namespace Mpg.Gate.Core.Tests;

public sealed class ParallelismInOrder
{
    [Fact]
    public void ManyItemsOnTwoThreads_ComeBackInTheirOrder()
    {
        var items = Enumerable.Range(0, 1000).ToList();
        using var limit = Parallelism.LimitTo(2);

        var mapped = Parallelism.InOrder(items, i => i * 3);

        Assert.Equal(items.Select(i => i * 3), mapped);
        Assert.Equal(2, Parallelism.Degree);
    }

    [Fact]
    public void SeveralItemsFail_TheFirstInItemOrderIsThrown()
    {
        using var limit = Parallelism.LimitTo(2);

        // Item 7 fails first in time (the others wait), item 3 first in order: the sequential loop would stop at 3.
        var error = Assert.Throws<InvalidOperationException>(() => Parallelism.InOrder(Enumerable.Range(0, 10).ToList(), i =>
        {
            if (i == 7)
            {
                throw new InvalidOperationException("item 7");
            }

            if (i == 3)
            {
                Thread.Sleep(50);
                throw new InvalidOperationException("item 3");
            }

            return i;
        }));

        Assert.Equal("item 3", error.Message);
    }

    [Fact]
    public void LimitDisposed_RestoresAllCores()
    {
        using (Parallelism.LimitTo(1))
        {
            Assert.Equal(1, Parallelism.Degree);
        }

        Assert.Equal(Environment.ProcessorCount, Parallelism.Degree);
    }
}
