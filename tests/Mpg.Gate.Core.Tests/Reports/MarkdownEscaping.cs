using Mpg.Gate.Reports;

namespace Mpg.Gate.Core.Tests.Reports;

public class MarkdownEscaping
{
    [Theory]
    [InlineData("@org/team|<img src=x>", "&#64;org/team&#124;&lt;img src=x&gt;")]
    [InlineData("arc_challenge", "arc\\_challenge")]
    [InlineData("[link](http://x)", "\\[link\\]\\(http://x\\)")]
    [InlineData("a\nb", "a b")]
    public void NamesFromInputs_RenderAsText(string name, string escaped)
    {
        Assert.Equal(escaped, MarkdownText.Escape(name));
    }

    [Theory]
    [InlineData("history:main @ 4242424", "`history:main @ 4242424`")]
    [InlineData("chat_assistant", "`chat_assistant`")]
    [InlineData("a`b\nc", "`a'b c`")]
    public void CodeSpans_ShowTheTextAsWritten(string text, string code)
    {
        Assert.Equal(code, MarkdownText.Code(text));
    }
}
