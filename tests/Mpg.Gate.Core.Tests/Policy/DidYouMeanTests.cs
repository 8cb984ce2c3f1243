using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class DidYouMeanTests
{
    [Theory]
    [InlineData("sampels", "samples")]
    [InlineData("SAMPLES", "samples")]
    [InlineData("seeed", "seed")]
    [InlineData("hitsory", "history")]
    [InlineData("mmlu_pro", "mmlu")]
    [InlineData("arc", "arc_challenge")]
    [InlineData("zzz", null)]
    [InlineData("ab", null)]
    public void Closest_AmongPolicyWords(string input, string? expected)
    {
        string[] candidates = ["samples", "seed", "history", "mmlu", "arc_challenge", "gsm8k"];
        Assert.Equal(expected, DidYouMean.Closest(input, candidates));
    }

    [Fact]
    public void Prefers_TheSmallestDistance()
    {
        Assert.Equal("mmlu_pro", DidYouMean.Closest("mmlu_pr", ["mmlu", "mmlu_pro"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_CountsEditsAndSwaps(string a, string b, int distance)
    {
        Assert.Equal(distance, DidYouMean.Distance(a, b));
    }

    [Fact]
    public void NoCandidates_NoSuggestion()
    {
        Assert.Null(DidYouMean.Closest("x", []));
    }
}
