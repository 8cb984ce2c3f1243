using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// ItemIds against a dictionary of strings: the same index for every id, through rehashes, in first-appearance order,
/// whether an id is given as characters, as UTF-8 bytes or as bytes after a prefetch (the CSV reader's way).
/// </summary>
public sealed class ItemIdsTests
{
    [Fact]
    public void Ids_GetTheIndexADictionaryGives_AndAnArrayKeepsItsLength()
    {
        var random = new Random(7);
        var ids = new ItemIds();
        var oracle = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyList<string>? early = null;
        for (var row = 0; row < 50_000; row++)
        {
            // Repeats, an empty id, ids that differ only in length and non-ASCII ones.
            var id = random.Next(4) switch
            {
                0 => "",
                1 => new string('x', random.Next(1, 40)),
                2 => $"é{random.Next(30_000)}",
                _ => $"case {random.Next(30_000)}, variant {random.Next(3)}",
            };
            var isNew = !oracle.ContainsKey(id);
            var expected = isNew ? oracle[id] = oracle.Count : oracle[id];
            var utf8 = Encoding.UTF8.GetBytes(id);
            bool added;
            var index = (row % 3) switch
            {
                0 => ids.IndexOf(id, out added),
                1 => ids.IndexOf(utf8, out added),
                _ => ids.IndexOf(utf8, ids.Prefetch(utf8), out added),
            };
            Assert.Equal(expected, index);
            Assert.Equal(isNew, added);
            if (row == 1_000)
            {
                early = ids.ToArray();
            }
        }

        Assert.Equal(oracle.OrderBy(p => p.Value).Select(p => p.Key), ids.ToArray());
        Assert.Equal(oracle.OrderBy(p => p.Value).Select(p => p.Key).Take(early!.Count), early);
        Assert.True(early.Count < ids.Count);
    }
}
