using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>Whatever the file holds, Load/Parse succeed or throw PolicyException: never a stack trace.</summary>
public class FuzzTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "policies"), "*.yml").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryTruncation_ParsesOrFailsAsAPolicyError(string name)
    {
        var text = File.ReadAllText(Policies.Data(name));
        for (var length = 0; length <= text.Length; length += 7)
        {
            ParseOrPolicyError(text[..length]);
        }
    }

    [Fact]
    public void TruncationsOfTheSample_ParseOrFailAsPolicyErrors()
    {
        var text = File.ReadAllText(Path.Combine(Policies.RepoRoot(), "mpg.yml.sample"));
        for (var length = 0; length <= text.Length; length += 7)
        {
            ParseOrPolicyError(text[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LinesDroppedOneAtATime_ParseOrFailAsAPolicyError(string name)
    {
        var lines = File.ReadAllLines(Policies.Data(name));
        for (var i = 0; i < lines.Length; i++)
        {
            ParseOrPolicyError(string.Join('\n', lines.Where((_, j) => j != i)));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RandomPunctuation_ParsesOrFailsAsAPolicyError(string name)
    {
        var text = File.ReadAllText(Policies.Data(name));
        var random = new Random(42);
        const string punctuation = "{}[]:,-&*!|>'\"#%@` \t\n0";
        for (var round = 0; round < 300; round++)
        {
            var chars = text.ToCharArray();
            for (var k = 0; k < 3; k++)
            {
                chars[random.Next(chars.Length)] = punctuation[random.Next(punctuation.Length)];
            }

            ParseOrPolicyError(new string(chars));
        }
    }

    [Theory]
    [InlineData("? [a, b]\n: 1\n")]
    [InlineData("? &k [*k]\n: 1\n")]
    [InlineData("&a [*a]\n")]
    [InlineData("goodness: &g [ *g ]\n")]
    [InlineData("gate: { rules: &r [ *r ] }\n")]
    [InlineData("samples: !!binary AAAA\n")]
    [InlineData("%YAML 1.1\n--- {}\n")]
    [InlineData("\t")]
    [InlineData("\"unterminated")]
    [InlineData("samples: 99999999999999999999\n")]
    [InlineData("goodness: [ { benchmark: '' } ]\n")]
    [InlineData("goodness: [ { name: '', children: [a] } ]\n")]
    [InlineData("goodness: [ '' ]\n")]
    [InlineData("name: ''\n")]
    [InlineData("~: 1\n")]
    [InlineData("{ a\n")]
    public void OddYaml_ParsesOrFailsAsAPolicyError(string yaml)
    {
        ParseOrPolicyError(yaml);
    }

    private static void ParseOrPolicyError(string yaml)
    {
        try
        {
            PolicyLoader.Parse(yaml, "fuzz.yml");
        }
        catch (PolicyException)
        {
            // The only acceptable failure.
        }
    }
}
