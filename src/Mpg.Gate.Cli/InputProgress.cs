using System.Diagnostics;
using System.Globalization;

namespace Mpg.Gate.Cli;

/// <summary>
/// A one-line progress bar on stderr while inputs are read: shown only once reading has taken a second, only when
/// stderr is a terminal and <c>CI</c> is not set (so never in CI logs), and erased when reading is done.
/// </summary>
internal sealed class InputProgress : IProgress<long>, IDisposable
{
    private const int Width = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter writer;
    private readonly long total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan delay;
    private TimeSpan lastDrawn = TimeSpan.Zero;
    private long done;
    private bool drawn;

    /// <param name="after">How long reading must have taken before the bar shows (one second outside tests).</param>
    internal InputProgress(TextWriter error, long bytes, TimeSpan after)
    {
        writer = error;
        total = bytes;
        delay = after;
    }

    /// <summary>A progress bar for these files, or null where none may be shown.</summary>
    public static InputProgress? For(CommandContext context, IReadOnlyList<string> files, bool noColor)
    {
        var terminal = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        var ci = !string.IsNullOrEmpty(context.Host.Environment("CI"));
        if (!terminal || ci || noColor || files.Count == 0)
        {
            return null;
        }

        return new InputProgress(context.Error, files.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0), TimeSpan.FromSeconds(1));
    }

    public void Report(long value)
    {
        // Input files are read on several cores at once (Parallelism): one bar, drawn by one reader at a time.
        lock (writer)
        {
            Draw(value);
        }
    }

    private void Draw(long value)
    {
        done += value;
        var now = clock.Elapsed;
        if (now < delay || (drawn && now - lastDrawn < Interval))
        {
            return;
        }

        lastDrawn = now;
        var fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        var filled = (int)(fraction * Width);
        var rate = done / 1048576.0 / now.TotalSeconds;
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"\rreading inputs [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {done / 1048576.0:F0}/{total / 1048576.0:F0} MiB {rate:F0} MiB/s "));
        writer.Flush();
        drawn = true;
    }

    public void Dispose()
    {
        if (drawn)
        {
            writer.Write("\r" + new string(' ', Width + 60) + "\r");
            writer.Flush();
            drawn = false;
        }
    }
}
