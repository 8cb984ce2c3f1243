using System.Globalization;
using System.Text;

namespace Mpg.Gate.Benchmarks;

/// <summary>Writes an lm-evaluation-harness-like samples JSONL of a given size, the same bytes for the same seed.</summary>
public static class SamplesGenerator
{
    public static string Ensure(string folder, long bytes, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FormattableString.Invariant($"samples_synthetic_{bytes / (1024 * 1024)}MiB-seed{seed}_2026-01-01T00-00-00.000000.jsonl"));
        if (File.Exists(path) && new FileInfo(path).Length >= bytes)
        {
            return path;
        }

        var random = new Random(seed);
        var words = new[] { "the", "model", "answer", "question", "number", "train", "apples", "how", "many", "left", "after", "gave", "away", "each", "day" };
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        long written = 0;
        for (var id = 0; written < bytes; id++)
        {
            var question = string.Join(' ', Enumerable.Range(0, 60 + random.Next(120)).Select(_ => words[random.Next(words.Length)]));
            var correct = random.NextDouble() < 0.7 ? "1.0" : "0.0";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{{\"doc_id\": {id}, \"doc\": {{\"question\": \"{question}\", \"answer\": \"{random.Next(1000)}\"}}, \"target\": \"{random.Next(1000)}\", "
                + $"\"arguments\": [[\"Question: {question}\\nAnswer:\", {{\"until\": [\"\\n\"], \"do_sample\": false}}]], \"resps\": [[\"{random.Next(1000)}\"]], "
                + $"\"filtered_resps\": [\"{random.Next(1000)}\"], \"filter\": \"none\", \"metrics\": [\"exact_match\"], "
                + $"\"doc_hash\": \"{random.NextInt64():x16}{random.NextInt64():x16}\", \"prompt_hash\": \"{random.NextInt64():x16}\", \"target_hash\": \"{random.NextInt64():x16}\", \"exact_match\": {correct}}}");
            writer.Write(line);
            writer.Write('\n');
            written += Encoding.UTF8.GetByteCount(line) + 1;
        }

        return path;
    }
}
