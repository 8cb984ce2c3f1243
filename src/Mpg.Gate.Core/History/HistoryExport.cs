using System.Globalization;
using System.Text;
using System.Text.Json;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.History;

/// <summary>The formats <c>mpg history export</c> writes.</summary>
public enum ExportFormat
{
    Csv,
    Json,

    /// <summary>github-action-benchmark's <c>data.js</c> (<c>window.BENCHMARK_DATA = …</c>), so its dashboard reads our history.</summary>
    BenchmarkAction,
}

/// <summary>
/// Writes records (oldest first) for other tools. Every format carries each node's mean and interval; none
/// carries per-item outcomes (export the scorecards with <c>mpg history show</c> for those).
/// </summary>
public static class HistoryExport
{
    public static string Write(IReadOnlyList<HistoryRecord> oldestFirst, ExportFormat format, string gate) => format switch
    {
        ExportFormat.Csv => Csv(oldestFirst),
        ExportFormat.Json => Json(oldestFirst),
        _ => BenchmarkAction(oldestFirst, gate),
    };

    private static string Csv(IReadOnlyList<HistoryRecord> records)
    {
        var sb = new StringBuilder("id,recorded_at,gate,branch,commit,pr,model,verdict,node,kind,mean,lower,upper,n\n");
        foreach (var (r, card, _) in records)
        {
            foreach (var n in card.Nodes)
            {
                sb.AppendJoin(',', [
                    r.Id.ToString(CultureInfo.InvariantCulture), r.RecordedAt, Field(r.Gate), Field(r.Branch), Field(r.Commit),
                    r.PullRequest?.ToString(CultureInfo.InvariantCulture) ?? "", Field(r.Model), Field(r.Verdict ?? ""), Field(n.Id), n.Kind,
                    Number(n.Mean), Number(n.Lower), Number(n.Upper), n.N?.ToString(CultureInfo.InvariantCulture) ?? ""]);
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading formula character is quoted too, so a spreadsheet shows it as text.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value is ['=' or '+' or '-' or '@', ..]
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Json(IReadOnlyList<HistoryRecord> records) => Document(writer =>
    {
        writer.WriteStartArray();
        foreach (var r in records)
        {
            writer.WriteStartObject();
            Header(writer, r.Entry);
            writer.WriteStartArray("nodes");
            foreach (var n in r.Scorecard.Nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", n.Id);
                writer.WriteString("kind", n.Kind);
                writer.WriteNumber("mean", n.Mean);
                writer.WriteNumber("lower", n.Lower);
                writer.WriteNumber("upper", n.Upper);
                if (n.N is { } count)
                {
                    writer.WriteNumber("n", count);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary><c>mpg history list --json</c>: the entries, newest first, without scorecards.</summary>
    public static string List(IReadOnlyList<HistoryEntry> entries) => Document(writer =>
    {
        writer.WriteStartArray();
        foreach (var e in entries)
        {
            writer.WriteStartObject();
            Header(writer, e);
            writer.WriteNumber("goodness", e.Goodness);
            writer.WriteNumber("goodnessLower", e.GoodnessLower);
            writer.WriteNumber("goodnessUpper", e.GoodnessUpper);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary><c>mpg history show</c>: the record and its whole scorecard.</summary>
    public static string Show(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var scorecard = JsonDocument.Parse(ScorecardFile.ToJson(record.Scorecard));
        return Document(writer =>
        {
            writer.WriteStartObject();
            Header(writer, record.Entry);
            writer.WritePropertyName("scorecard");
            scorecard.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        });
    }

    private static void Header(Utf8JsonWriter writer, HistoryEntry r)
    {
        writer.WriteNumber("id", r.Id);
        writer.WriteString("gate", r.Gate);
        writer.WriteString("branch", r.Branch);
        writer.WriteString("commit", r.Commit);
        if (r.PullRequest is { } pr)
        {
            writer.WriteNumber("pullRequest", pr);
        }

        writer.WriteString("recordedAt", r.RecordedAt);
        writer.WriteString("model", r.Model);
        if (r.Verdict is { } verdict)
        {
            writer.WriteString("verdict", verdict);
        }

        writer.WriteString("toolVersion", r.ToolVersion);
    }

    private static string BenchmarkAction(IReadOnlyList<HistoryRecord> records, string gate)
    {
        var json = Document(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("lastUpdate", records.Count == 0 ? 0 : Milliseconds(records[^1].Entry.RecordedAt));
            writer.WriteString("repoUrl", "");
            writer.WriteStartObject("entries");
            writer.WriteStartArray(gate);
            foreach (var (r, card, _) in records)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("commit");
                writer.WriteString("id", r.Commit);
                writer.WriteString("message", r.PullRequest is { } pr ? $"{r.Branch} (PR #{pr.ToString(CultureInfo.InvariantCulture)})" : r.Branch);
                writer.WriteString("timestamp", r.RecordedAt);
                writer.WriteString("url", "");
                writer.WriteEndObject();
                writer.WriteNumber("date", Milliseconds(r.RecordedAt));
                writer.WriteString("tool", "customBiggerIsBetter");
                writer.WriteStartArray("benches");
                foreach (var n in card.Nodes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", n.Id);
                    writer.WriteNumber("value", Math.Round(n.Mean * 100, 4));
                    writer.WriteString("unit", "pts");
                    writer.WriteString("range", string.Create(CultureInfo.InvariantCulture, $"{n.Lower * 100:0.00} to {n.Upper * 100:0.00}"));
                    writer.WriteString("extra", $"model {r.Model}; {Level(card)} credible interval");
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return "window.BENCHMARK_DATA = " + json;
    }

    private static string Level(Scorecard card) => card.Level.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    private static long Milliseconds(string recordedAt) =>
        DateTimeOffset.Parse(recordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    private static string Document(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
