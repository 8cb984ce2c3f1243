namespace Mpg.Gate.Policy;

public static class DidYouMean
{
    public static string? Closest(string input, IEnumerable<string> candidates) => null;
}
