using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class InputsTests
{
    [Fact]
    public void StringAndMappingItems_AreRead()
    {
        var policy = PolicyLoader.Parse(
            "inputs:\n  - out/**/*.json\n  - { path: runs/*.eval, format: inspect }\n  - path: a.jsonl\n    format: jsonl\n    benchmark: faq\n    model: m1\n",
            "mpg.yml");
        Assert.Equal(new InputSpec("out/**/*.json", InputFormat.Auto, new SourceSpan("mpg.yml", 2, 5)), policy.Inputs[0]);
        Assert.Equal(new InputSpec("runs/*.eval", InputFormat.Inspect, new SourceSpan("mpg.yml", 3, 5)), policy.Inputs[1]);
        Assert.Equal(new InputSpec("a.jsonl", InputFormat.Jsonl, new SourceSpan("mpg.yml", 4, 5), "faq", "m1"), policy.Inputs[2]);
    }

    [Fact]
    public void MappingWithoutPath_IsRefused()
    {
        var e = Policies.Fails("inputs:\n  - format: csv\n");
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("'inputs[0]' needs a 'path'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleStringInsteadOfAList_IsATypeError()
    {
        var e = Policies.Fails("inputs: out/*.json\n");
        Assert.Equal("expected a list of paths for 'inputs', got 'out/*.json'", e.Message);
    }

    [Fact]
    public void NestedListItem_IsRefused()
    {
        var e = Policies.Fails("inputs:\n  - [a, b]\n");
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
    }
}
