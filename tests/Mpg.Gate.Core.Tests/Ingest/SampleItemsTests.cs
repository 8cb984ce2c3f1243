using System.Text;
using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// A samples file's items kept by doc_id without a string per line: an item is still known by its id's text (the
/// number 5 and the string "5" are one item), sorted by number or by text as before, with repeats, clusters and
/// first excerpts where they were.
/// </summary>
public sealed class SampleItemsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void NumericIds_SortNumerically()
    {
        var items = new SampleItems();
        items.Add(DocId.Of(10), 1, null, null);
        items.Add(DocId.Of(5), 0, null, null);
        items.Add(DocId.Of(-3), 1, null, null);

        var outcomes = items.ToOutcomes();

        Assert.Equal(["-3", "5", "10"], outcomes.Select(o => o.Id));
        Assert.Equal([1.0, 0.0, 1.0], outcomes.Select(o => o.Score));
        Assert.Null(outcomes.Repeats);
    }

    [Fact]
    public void TheNumberAndTheStringOfOneText_AreOneItem_AndATextIdSortsAllByText()
    {
        var items = new SampleItems();
        items.Add(DocId.Of(5), 1, null, null);
        items.Add(DocId.Of(10), 1, null, null);
        items.Add(DocId.Of("5"), 0, null, null);  // the same item as the number 5: its latest id is text
        items.Add(DocId.Of("05"), 1, null, null); // another text, another item

        var outcomes = items.ToOutcomes();

        Assert.Equal(["05", "10", "5"], outcomes.Select(o => o.Id)); // ordinal, as every id is compared as text now
        Assert.Equal([1.0, 1.0, 0.5], outcomes.Select(o => o.Score));
        Assert.Equal(new RepeatRange(2, 0, 1), outcomes.Repeats![2]);
    }

    [Fact]
    public void ALaterNumericLine_MakesTheItemNumericAgain()
    {
        var items = new SampleItems();
        items.Add(DocId.Of("7"), 1, null, null);
        items.Add(DocId.Of(7), 1, null, null);
        items.Add(DocId.Of(12), 0, null, null);

        Assert.Equal(["7", "12"], items.ToOutcomes().Select(o => o.Id));
    }

    [Fact]
    public void ClustersAndExcerpts_FollowTheirItemsIntoTheSortedOrder()
    {
        var items = new SampleItems();
        var first = new ItemExcerpt("q2", null, null);
        Assert.True(items.WantsExcerpt(DocId.Of(2)));
        items.Add(DocId.Of(2), 1, null, first);
        Assert.False(items.WantsExcerpt(DocId.Of(2)));
        Assert.False(items.WantsExcerpt(DocId.Of("2")));
        items.Add(DocId.Of(2), 0, "late", null);
        items.Add(DocId.Of(1), 1, "c1", null);

        var outcomes = items.ToOutcomes();

        Assert.Equal(["1", "2"], outcomes.Select(o => o.Id));
        Assert.Equal(("c1", "late"), (outcomes.Clusters![0], outcomes.Clusters[1])); // 2's first cluster came on its repeat
        Assert.Null(outcomes.Excerpts![0]);
        Assert.Same(first, outcomes.Excerpts[1]);
    }

    [Fact]
    public void MixedIdsInAFile_AreOneItemAsBefore()
    {
        var file = dir.Write("m/samples_t_2026-01-01T00-00-00.000000.jsonl", """
            {"doc_id": 5, "filter": "none", "metrics": ["acc"], "acc": 1.0}
            {"doc_id": "5", "filter": "none", "metrics": ["acc"], "acc": 0.0}
            {"doc_id": 10, "filter": "none", "metrics": ["acc"], "acc": 1.0}
            """);

        var metric = LmEvalReader.Read([file]).Benchmarks.Single().Metrics.Single();

        Assert.Equal((2, 1.5), (metric.N, metric.Successes));
        Assert.Equal(["10", "5"], metric.Items!.Select(i => i.Id));
    }

    [Fact]
    public void Utf8Names_GiveOneStringPerName_AndDecodeEscapes()
    {
        var names = new Utf8Names();
        var a = NameOf(names, "{\"exact_match\": 1}");
        var b = NameOf(names, "{\"exact_match\": 0}");
        var escaped = NameOf(names, "{\"exact\\u005fmatch\": 0}");

        Assert.Equal("exact_match", a);
        Assert.Same(a, b);
        Assert.Equal("exact_match", escaped);
    }

    [Fact]
    public void Utf8Names_InvalidUtf8_FailsAsGetStringDoes()
    {
        var names = new Utf8Names();
        byte[] line = [.. "{\"acc"u8, 0xFF, .. "\": 1}"u8]; // a byte no UTF-8 text has, inside the name

        Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            reader.Read();
            names.Of(ref reader);
        });
    }

    private static string NameOf(Utf8Names names, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        return names.Of(ref reader);
    }
}
