using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mpg.Gate.Policy;

/// <summary>
/// Passes YAML events through to YamlDotNet's node loader, refusing the few shapes that loader
/// cannot survive: it builds nodes recursively and hashes mapping keys deeply, so a hostile
/// <c>[[[[...</c>, a list as a key or an alias inside its own anchor would overflow the stack,
/// which no catch can turn into a policy error. A policy needs none of them.
/// </summary>
internal sealed class GuardedParser(IParser inner, int maxDepth) : IParser
{
    private readonly Stack<Frame> open = new();

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        switch (current)
        {
            case MappingStart or SequenceStart:
                CheckNotAKey(current, "a key must be a plain name, not a mapping or a list");
                if (open.Count >= maxDepth)
                {
                    throw Refuse(current, $"the policy nests mappings and lists more than {maxDepth} levels deep");
                }

                open.Push(new Frame(current is MappingStart, ((NodeEvent)current).Anchor));
                break;
            case MappingEnd or SequenceEnd:
                open.TryPop(out _);
                NodeDone();
                break;
            case AnchorAlias alias:
                CheckNotAKey(current, "a key must be a plain name, not an alias");
                if (open.Any(f => !f.Anchor.IsEmpty && f.Anchor.Equals(alias.Value)))
                {
                    throw Refuse(current, $"alias '*{alias.Value}' refers to a node that contains it");
                }

                NodeDone();
                break;
            case Scalar:
                NodeDone();
                break;
        }

        return true;
    }

    private void CheckNotAKey(ParsingEvent current, string message)
    {
        if (open.TryPeek(out var frame) && frame.IsMapping && frame.ExpectKey)
        {
            throw Refuse(current, message);
        }
    }

    /// <summary>A node ended: in a mapping, keys and values take turns.</summary>
    private void NodeDone()
    {
        if (open.TryPeek(out var frame) && frame.IsMapping)
        {
            frame.ExpectKey = !frame.ExpectKey;
        }
    }

    private static YamlException Refuse(ParsingEvent at, string message) => new(at.Start, at.End, message);

    private sealed class Frame(bool isMapping, AnchorName anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public AnchorName Anchor { get; } = anchor;

        public bool ExpectKey { get; set; } = true;
    }
}
