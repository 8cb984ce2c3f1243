using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>
/// Reads <c>mpg.yml</c>. Whatever the file holds, the only exception that leaves here is
/// <see cref="PolicyException"/>, with the line and column to fix: the CLI turns it into exit code 2.
/// </summary>
public static partial class PolicyLoader
{
    private const int MaxYamlDepth = 64;

    public static GatePolicy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new PolicyException(SourceSpan.None(path), $"policy file not found: {path}");
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException(SourceSpan.None(path), $"cannot read the policy file {path}: {e.Message}");
        }

        return Parse(yaml, path);
    }

    public static GatePolicy Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var root = ReadRoot(yaml, file);
        if (root is null || YamlValues.IsNull(root))
        {
            throw new PolicyException(new SourceSpan(file, 1, 1), "the policy is empty; expected a mapping with at least `goodness` (see mpg.yml.sample)");
        }

        if (root is not YamlMappingNode mapping)
        {
            throw new PolicyException(Spans.Of(file, root), $"expected a mapping of policy keys at the top of the policy, got {YamlValues.Describe(root)}");
        }

        return PolicyReader.Read(mapping, file);
    }

    private static YamlNode? ReadRoot(string yaml, string file)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new GuardedParser(new Parser(scanner), MaxYamlDepth));
        }
        catch (YamlException e)
        {
            throw new PolicyException(Spans.At(file, e.Start), "YAML syntax error: " + Clean(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, not a YamlException, on some broken input (found by fuzzing:
            // an unclosed '{' before a block '- ', a stray ':' or ']' starting a line). Where the
            // scanner stopped is the best position there is.
            throw new PolicyException(Spans.At(file, scanner.CurrentPosition), "YAML syntax error: the YAML is malformed here; check brackets, braces and stray ':' or ']'");
        }

        if (stream.Documents.Count > 1)
        {
            throw new PolicyException(Spans.Of(file, stream.Documents[1].RootNode), "the policy holds more than one YAML document ('---'); keep one");
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; our span says that already.</summary>
    private static string Clean(YamlException e)
    {
        var message = MarkPrefix().Replace(e.Message, "").Trim();
        if (message.Length == 0)
        {
            return "the YAML could not be read";
        }

        return char.ToLowerInvariant(message[0]) + message[1..];
    }

    [GeneratedRegex(@"^(\s*\(Line: \d+, Col: \d+, Idx: \d+\)\s*(-\s*)?)+:?\s*")]
    private static partial Regex MarkPrefix();
}
