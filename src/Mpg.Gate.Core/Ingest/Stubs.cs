namespace Mpg.Gate.Ingest;

// Temporary until the ingest branch lands.
public static class LmEvalReader
{
    public static EvalRun Read(IReadOnlyList<string> files) => throw new NotImplementedException();
    public static IReadOnlyList<EvalRun> ReadRuns(IReadOnlyList<string> files) => throw new NotImplementedException();
}

public static class InputResolver
{
    public static IReadOnlyList<string> Resolve(IEnumerable<string> patterns, string baseDirectory) => throw new NotImplementedException();
}
