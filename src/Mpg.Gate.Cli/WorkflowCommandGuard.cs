using System.Text;

namespace Mpg.Gate.Cli;

/// <summary>
/// What mpg prints, with any line that would begin with <c>::</c> defused: GitHub Actions runs such a line of a job's log
/// as a workflow command (<c>::error::</c>, <c>::add-mask::</c>, …), and a model or task name holding a line break would
/// otherwise start one. A zero-width space goes before the colons (the runner trims only white space, and the line still
/// reads the same). mpg's own annotations bypass this writer (<see cref="CommandContext.Commands"/>).
/// </summary>
internal sealed class WorkflowCommandGuard(TextWriter inner) : TextWriter
{
    private bool lineStart = true;
    private bool heldColon;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Release();
            inner.Write(value);
            lineStart = true;
            return;
        }

        if (!lineStart)
        {
            inner.Write(value);
            return;
        }

        if (heldColon)
        {
            heldColon = false;
            lineStart = false;
            inner.Write(value == ':' ? "\u200B::" : ":" + value);
            return;
        }

        if (value == ':')
        {
            heldColon = true;
        }
        else
        {
            inner.Write(value);
            lineStart = char.IsWhiteSpace(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        for (var i = index; i < index + count; i++)
        {
            Write(buffer[i]);
        }
    }

    public override void Flush()
    {
        Release();
        inner.Flush();
    }

    private void Release()
    {
        if (heldColon)
        {
            heldColon = false;
            lineStart = false;
            inner.Write(':');
        }
    }
}
