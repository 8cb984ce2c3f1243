namespace Mpg.Gate.Policy;

// Temporary until the policy branch lands.
public static class DidYouMean
{
    public static string? Closest(string input, IEnumerable<string> candidates) => null;
}

public static class PolicyValidator
{
    public static void CheckBenchmarks(GatePolicy policy, IReadOnlyCollection<string> available) { }
}

public static class PolicyLoader
{
    public static GatePolicy Load(string path) => throw new NotImplementedException();
    public static GatePolicy Parse(string yaml, string file) => throw new NotImplementedException();
}
