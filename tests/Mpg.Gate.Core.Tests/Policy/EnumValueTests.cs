using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class EnumValueTests
{
    [Fact]
    public void InputFormatTypo_SuggestsTheFormat()
    {
        var e = Policies.Fails("inputs:\n  - path: out/*.json\n    format: lmeval\n");
        Assert.Equal((3, 13), (e.Span.Line, e.Span.Column));
        Assert.Equal("expected one of lm-eval | inspect | promptfoo | meai | csv | jsonl | auto for 'inputs[0].format', got 'lmeval'", e.Message);
        Assert.Equal("did you mean 'lm-eval'?", e.Suggestion);
    }

    [Theory]
    [InlineData("gate: { correction: holms }", "did you mean 'holm'?")]
    [InlineData("weighting: sized", "did you mean 'size'?")]
    [InlineData("fastness: { metric: latency_p05 }", "did you mean 'latency_p50'?")]
    [InlineData("github: { comment: on_change }", "did you mean 'on-change'?")]
    [InlineData("gate: { fastness: { min_ratio: 0.9, action: fial } }", "did you mean 'fail'?")]
    [InlineData("gate: { correction: sidak }", null)]
    public void EnumTypo_SuggestsFromAllowedValues(string yaml, string? suggestion)
    {
        Assert.Equal(suggestion, Policies.Fails(yaml).Suggestion);
    }

    [Fact]
    public void EnumValues_IgnoreCaseAndMapToRecords()
    {
        var policy = PolicyLoader.Parse(
            "weighting: Size\ninputs: [ { path: a.csv, format: CSV } ]\ngate: { correction: Bonferroni, fastness: { min_ratio: 0.5, action: FAIL } }\ngithub: { comment: on-regression, required: true }\n",
            "mpg.yml");
        Assert.Equal(InputFormat.Csv, policy.Inputs[0].Format);
        Assert.Equal(Correction.Bonferroni, policy.Gate.Correction);
        Assert.True(policy.Gate.Fastness!.Fail);
        Assert.Equal(new GitHubSpec(CommentMode.OnRegression, true), policy.GitHub);
        Assert.Null(policy.Goodness);
        Assert.Equal(Weighting.Size, policy.Weighting);
    }
}
