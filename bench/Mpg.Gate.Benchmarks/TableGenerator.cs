using System.Globalization;
using System.Text;

namespace Mpg.Gate.Benchmarks;

/// <summary>Writes a per-item CSV (model, benchmark, item, score, latency_ms, cost, tokens) of a given size, seeded.</summary>
public static class TableGenerator
{
    public static string Ensure(string folder, long bytes, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FormattableString.Invariant($"items_{bytes / (1024 * 1024)}MiB-seed{seed}.csv"));
        if (File.Exists(path) && new FileInfo(path).Length >= bytes)
        {
            return path;
        }

        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("model,benchmark,item,score,latency_ms,cost,tokens\n");
        long written = 0;
        for (var id = 0; written < bytes; id++)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"my-model,support_faq,\"case {id}, variant {random.Next(10)}\",{(random.NextDouble() < 0.7 ? 1 : 0)},{random.Next(50, 3000)},{random.NextDouble() / 100:F6},{random.Next(20, 2000)}\n");
            writer.Write(line);
            written += line.Length;
        }

        return path;
    }
}
