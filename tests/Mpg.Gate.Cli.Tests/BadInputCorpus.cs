namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The bad-input corpus (tests/data/bad, its table cases.tsv; docs/RELIABILITY.md): every case through the real CLI ends in
/// the documented exit code and one message naming the file (and line where the fault has one), with no stack trace and
/// no internal type name.
/// </summary>
public sealed class BadInputCorpus : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    public static TheoryData<string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var row in Table())
        {
            data.Add(row.File, row.Kind, row.Exit, row.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryCase_EndsInItsExitCodeNamingTheFile(string file, string kind, int exit, string line)
    {
        var path = Generated.TryGetValue(file, out var write) ? Write(file, write) : Mpg.Data("bad", file);
        var result = kind switch
        {
            "input" => mpg.Run("score", "-i", path),
            "policy" => mpg.Run("score", "-p", path, "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B")),
            "baseline" => mpg.Run("gate", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--baseline", path),
            _ when kind.StartsWith("as:", StringComparison.Ordinal) => ScoreAs(path, kind[3..]),
            _ => throw new ArgumentException($"unknown kind '{kind}' in cases.tsv", nameof(kind)),
        };

        Assert.True(exit == result.ExitCode, $"{file}: exit {result.ExitCode}, expected {exit}\n{result.Stderr}");
        // The corpus's own path (…/Mpg.Gate.Cli.Tests/bin/…) is no internal name; only the rest of the text is looked at.
        var seen = (result.Stdout + result.Stderr).Replace(AppContext.BaseDirectory, "", StringComparison.Ordinal);
        foreach (var internalName in new[] { "   at ", "Exception", "System.", "Mpg.Gate." })
        {
            Assert.False(seen.Contains(internalName, StringComparison.Ordinal), $"{file}: '{internalName}' in the output\n{seen}");
        }

        if (exit != 0)
        {
            Assert.Contains(Path.GetFileName(file) + (line == "-" ? "" : $"({line}"), result.Stderr, StringComparison.Ordinal);
            Assert.Contains(exit == 2 ? "error MPG2001" : "error MPG3001", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheTable_ListsEveryFileOfTheCorpusAndAtLeastEighty()
    {
        var root = Mpg.Data("bad");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f is not ("cases.tsv" or "make-corpus.py"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(files.Concat(Generated.Keys).Order(StringComparer.Ordinal), Table().Select(r => r.File).Order(StringComparer.Ordinal).ToList());
        Assert.True(Table().Count(r => r.Exit is 2 or 3) >= 80, "fewer than 80 bad inputs");
    }

    /// <summary>
    /// Cases too big to keep in git (cases.tsv lists them too), written when they run: a line of 257 MiB, as a sparse
    /// file (the hole reads as zeros, no line break among them, and takes no disk). The table readers stop at 256 MiB.
    /// </summary>
    private static readonly Dictionary<string, Action<FileStream>> Generated = new(StringComparer.Ordinal)
    {
        ["csv/line-257mib.csv"] = stream => Hole(stream, "model,benchmark,item,score\nm,qa,1,1\nm,qa,2,"u8, "1\n"u8),
        ["jsonl/line-257mib.jsonl"] = stream => Hole(stream, "{\"model\": \"m\", \"benchmark\": \"qa\", \"item\": \"1\", \"score\": 1}\n{\"pad\": \""u8, "\"}\n"u8),
    };

    private static void Hole(FileStream stream, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        stream.Write(before);
        stream.SetLength(stream.Position + (257L << 20));
        stream.Seek(0, SeekOrigin.End);
        stream.Write(after);
    }

    private string Write(string file, Action<FileStream> write)
    {
        var path = mpg.PathOf(Path.GetFileName(file));
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            write(stream);
        }

        return path;
    }

    private Mpg.Result ScoreAs(string path, string format)
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"version: 1\ninputs: [ {{ path: '{path.Replace("'", "''", StringComparison.Ordinal)}', format: {format} }} ]\n");
        return mpg.Run("score");
    }

    private static List<(string File, string Kind, int Exit, string Line)> Table() =>
        [.. File.ReadAllLines(Mpg.Data("bad", "cases.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(c => (c[0], c[1], int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture), c[3]))];
}
