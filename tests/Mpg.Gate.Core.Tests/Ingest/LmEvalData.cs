using System.Text.Json;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Paths to the real lm-eval outputs copied next to the test assembly, and a way to look values up independently.</summary>
internal static class LmEvalData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data", "lm-eval");

    public static string Dir(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string[] Files(string dir, string pattern) =>
        [.. Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal)];

    public static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllBytes(file)).RootElement;
}

/// <summary>A scratch folder for crafted files, removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mpg-ingest-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
