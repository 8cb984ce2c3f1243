using System.Text.Json;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Paths to the real Inspect and promptfoo outputs copied next to the test assembly.</summary>
internal static class FormatData
{
    public static string Inspect(string name) => Path.Combine(AppContext.BaseDirectory, "data", "inspect", name);

    public static string[] Promptfoo() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "promptfoo"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The promptfoo outputs of one provider (the others compare two: <see cref="PromptfooTwoProviders"/>).</summary>
    public static string[] PromptfooOneProvider() =>
        [.. Promptfoo().Where(f => Json(f).GetProperty("results").GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("provider").GetProperty("id").GetString()).Distinct().Count() == 1)];

    public static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllBytes(file)).RootElement;

    public static EvalRun Single(IEvalReader reader, string file, ReadOptions? options = null) =>
        Assert.Single(reader.Read([file], options ?? ReadOptions.Default));
}
