using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>Turns YamlDotNet positions (1-based line and column) into our <see cref="SourceSpan"/>.</summary>
internal static class Spans
{
    public static SourceSpan At(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    public static SourceSpan Of(string file, YamlNode node) => At(file, node.Start);
}
