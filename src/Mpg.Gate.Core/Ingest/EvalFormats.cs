using Mpg.Gate.Ingest.LmEval;
namespace Mpg.Gate.Ingest;

/// <summary>The readers this version has, and detection of a file's format by its content.</summary>
public static class EvalFormats
{
    /// <summary>In the order detection tries them.</summary>
    public static IReadOnlyList<IEvalReader> All { get; } =
        [LmEvalFormat.Instance, InspectReader.Instance, PromptfooReader.Instance, MeaiReader.Instance, TableReader.Jsonl, TableReader.Csv];

    /// <summary>The reader whose format the file's content shows.</summary>
    /// <exception cref="InputException">No reader recognises it; the message says which formats were tried.</exception>
    public static IEvalReader Detect(string file)
    {
        var sniff = FileSniff.Of(file);
        if (sniff.ZipEntries is null && sniff.JsonKeys is null && sniff.FirstLineKeys is null && sniff.CsvHeader is null && new FileInfo(file).Length < 4096
            && File.ReadAllText(file).Trim().Length == 0)
        {
            throw new InputException(file, "empty file");
        }

        return All.FirstOrDefault(r => r.Detects(sniff))
            ?? throw new InputException(file, $"not a recognised eval output (tried {string.Join(", ", All.Select(r => Spelling.Of(r.Format)))}); name its format with 'format:' on the input if it is one of them");
    }
}

/// <summary>lm-evaluation-harness behind <see cref="IEvalReader"/>: results JSON and samples JSONL.</summary>
public sealed class LmEvalFormat : IEvalReader
{
    public static LmEvalFormat Instance { get; } = new();

    public InputFormat Format => InputFormat.LmEval;

    public bool Detects(FileSniff sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        if (sniff.FirstLineKeys?.Contains("doc_id") == true || sniff.HasJsonKey("doc_id"))
        {
            return true; // a samples line (a long one may not fit the head, but doc_id comes first)
        }

        return sniff.HasJsonKey("results") && !sniff.HasJsonKey("evalId") && !sniff.HasJsonKey("eval")
            && (sniff.HasJsonKey("versions") || sniff.HasJsonKey("config") || sniff.HasJsonKey("configs") || sniff.HasJsonKey("n-samples")
                || sniff.HasJsonKey("group_subtasks") || sniff.JsonKeys!.Count <= 3);
    }

    public IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return LmEvalReader.ReadRuns(files, options.Progress, options.ClusterBy, options.ExcerptChars);
    }
}
