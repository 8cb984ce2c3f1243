using System.Text;
using Mpg.Gate.Core.Tests.History;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Core.Tests.Serialization;

/// <summary>A scorecard streamed into a file is the UTF-8 of its JSON text, byte for byte: baselines keep their bytes.</summary>
public sealed class ScorecardStreamedJson
{
    [Fact]
    public void WriteJson_IsTheUtf8OfToJson()
    {
        var card = HistoryStoreContract.RealScorecard();
        Assert.Contains(card.Nodes, n => n.Items is { Count: > 0 });
        using var stream = new MemoryStream();

        ScorecardFile.WriteJson(card, stream);

        Assert.Equal(Encoding.UTF8.GetBytes(ScorecardFile.ToJson(card)), stream.ToArray());
    }
}
