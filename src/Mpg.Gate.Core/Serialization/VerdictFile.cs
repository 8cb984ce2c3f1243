using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Serialization;

/// <summary>Writes verdicts as <c>mpg.verdict/1</c> JSON, and reads them back (the history keeps them; the site renders them).</summary>
public static class VerdictFile
{
    public static string ToJson(Verdict verdict) => JsonSerializer.Serialize(verdict, MpgJsonContext.Default.Verdict) + "\n";

    /// <summary>The verdict a file holds; its nodes come back from their flat JSON fields (<see cref="NodeComparison"/>).</summary>
    /// <exception cref="InputException">Not JSON, or not a verdict.</exception>
    public static Verdict Parse(string text, string source)
    {
        Verdict? verdict;
        try
        {
            verdict = JsonSerializer.Deserialize(text, MpgJsonContext.Default.Verdict);
        }
        catch (JsonException e)
        {
            throw new InputException(source, $"not a valid verdict JSON ({JsonErrorText.Of(e)})", e.LineNumber + 1);
        }

        // The file may lack what the constructor takes as non-null: the check is of the file, not of our code.
        if (verdict is null || verdict.Schema != Verdict.SchemaId || verdict.Nodes is null || verdict.Rules is null || verdict.Fastness is null)
        {
            throw new InputException(source, $"not a verdict: expected \"schema\": \"{Verdict.SchemaId}\" with nodes, rules and fastness");
        }

        return verdict;
    }
}
