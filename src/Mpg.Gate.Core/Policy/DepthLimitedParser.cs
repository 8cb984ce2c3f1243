using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mpg.Gate.Policy;

/// <summary>
/// Passes YAML events through, failing once mappings and lists nest too deeply. YamlDotNet builds
/// its node tree recursively, so a hostile <c>[[[[...</c> could otherwise overflow the stack,
/// which no catch can turn into a policy error.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                if (++depth > maxDepth)
                {
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"the policy nests mappings and lists more than {maxDepth} levels deep");
                }

                break;
            case MappingEnd or SequenceEnd:
                depth--;
                break;
        }

        return true;
    }
}
