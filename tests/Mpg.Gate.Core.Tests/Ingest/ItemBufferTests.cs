using Mpg.Gate.Ingest;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// The item buffer keeps its sums in columns; these tests hold it to the struct of nullable sums it replaced (kept
/// below as the reference), bit for bit: repeats, a null in one repeat, clusters first seen late, -0.0, excerpts.
/// </summary>
public sealed class ItemBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Columns_EqualTheNullableSumsTheyReplaced_BitForBit(int seed)
    {
        var random = new Random(seed);
        var buffer = new ItemBuffer();
        var reference = new Reference();
        double[] zeros = [0.0, -0.0];
        for (var row = 0; row < 5_000; row++)
        {
            var id = "item " + random.Next(1_500);
            var score = random.Next(4) switch { 0 => zeros[random.Next(2)], 1 => 1, _ => random.NextDouble() };
            double? latency = random.Next(20) == 0 ? null : random.Next(3) == 0 ? zeros[random.Next(2)] : random.NextDouble() * 1000;
            double? cost = seed == 3 ? null : random.Next(10) == 0 ? null : random.NextDouble();
            double? tokens = random.Next(15) == 0 ? null : random.Next(2_000);
            var cluster = random.Next(5) == 0 ? "c" + random.Next(7) : null;
            var excerpt = random.Next(3) == 0 ? new ItemExcerpt("q" + row, null, "a" + row) : null;
            buffer.Add(id, score, latency, cost, tokens, cluster, excerpt);
            reference.Add(id, score, latency, cost, tokens, cluster, excerpt);
        }

        var expected = reference.ToOutcomes();
        var actual = buffer.ToOutcomes();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.Id, e.Tokens, e.Cluster, e.Repeats, e.Excerpt), (a.Id, a.Tokens, a.Cluster, a.Repeats, a.Excerpt));
            Assert.Equal(Bits(e.Score), Bits(a.Score));
            Assert.Equal(Bits(e.LatencyMs), Bits(a.LatencyMs));
            Assert.Equal(Bits(e.Cost), Bits(a.Cost));
        }

        Assert.Equal(actual, actual.ToList()); // the list view enumerates what it indexes
        var metric = buffer.ToMetric("accuracy");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Sum(o => o.Score)), BitConverter.DoubleToInt64Bits(metric.Successes));

        // ItemTable.From takes the columns as they are: the same table as from a list of the same outcomes.
        var fast = ItemTable.From(actual)!;
        var slow = ItemTable.From(expected)!;
        Assert.Equal(slow.Ids, fast.Ids);
        Assert.Equal(slow.Scores.Select(BitConverter.DoubleToInt64Bits), fast.Scores.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(slow.Clusters, fast.Clusters);
        Assert.Equal(slow.LatenciesMs?.Select(Bits), fast.LatenciesMs?.Select(Bits));
        Assert.Equal(slow.Costs?.Select(Bits), fast.Costs?.Select(Bits));
        Assert.Equal(slow.Excerpts, fast.Excerpts);
        Assert.Equal(slow.Repeats, fast.Repeats);
        Assert.Equal(seed == 3, fast.Costs is null);
    }

    [Fact]
    public void NoClusterNoRepeatNoExcerpt_NoColumnOfNulls()
    {
        var buffer = new ItemBuffer();
        buffer.Add("a", 1, null, null, null, null);
        buffer.Add("b", 0, null, null, null, null);

        var table = ItemTable.From(buffer.ToOutcomes())!;

        Assert.Equal(["a", "b"], table.Ids);
        Assert.Null(table.Clusters);
        Assert.Null(table.LatenciesMs);
        Assert.Null(table.Costs);
        Assert.Null(table.Excerpts);
        Assert.Null(table.Repeats);
    }

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;

    /// <summary>The buffer as it was before its columns: one struct of nullable sums per item, sums from 0.</summary>
    private sealed class Reference
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly List<string> ids = [];
        private readonly List<Sums> sums = [];
        private readonly List<ItemExcerpt?> excerpts = [];

        public void Add(string id, double score, double? latencyMs, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt)
        {
            if (!index.TryGetValue(id, out var slot))
            {
                index[id] = slot = ids.Count;
                ids.Add(id);
                sums.Add(new Sums { Latency = 0, Cost = 0, Tokens = 0 });
                if (excerpt is not null && slot < ItemExcerpt.MaxItems)
                {
                    while (excerpts.Count < slot)
                    {
                        excerpts.Add(null);
                    }

                    excerpts.Add(excerpt);
                }
            }

            var item = sums[slot];
            item.Repeats = item.Count == 0 ? null : RepeatRange.Add(item.Repeats, item.First, score);
            item.First = item.Count == 0 ? score : item.First;
            item.Score += score;
            item.Count++;
            item.Latency += latencyMs;
            item.Cost += cost;
            item.Tokens += tokens;
            item.Cluster ??= cluster;
            sums[slot] = item;
        }

        public List<ItemOutcome> ToOutcomes() =>
            ids.Select((id, i) => (id, s: sums[i], i))
                .Select(x => new ItemOutcome(x.id, x.s.Score / x.s.Count, x.s.Latency / x.s.Count, x.s.Cost / x.s.Count, x.s.Tokens is { } t ? (long)Math.Round(t / x.s.Count) : null, x.s.Cluster, x.s.Repeats, x.i < excerpts.Count ? excerpts[x.i] : null))
                .ToList();

        private struct Sums
        {
            public double Score;
            public int Count;
            public double? Latency;
            public double? Cost;
            public double? Tokens;
            public string? Cluster;
            public double First;
            public RepeatRange? Repeats;
        }
    }
}
