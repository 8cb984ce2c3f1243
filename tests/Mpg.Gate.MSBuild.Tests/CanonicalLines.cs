namespace Mpg.Gate.MSBuild.Tests;

/// <summary>The CLI's canonical lines are read back into file, line, column, category and code.</summary>
public sealed class CanonicalLines
{
    [Fact]
    public void RuleError_HasFileLineColumnAndCode()
    {
        var message = CanonicalMessage.TryParse("/repo/mpg.yml(42,7): error MPG1001: problem-solving: Δ −8.0 pts");

        Assert.Equal(new CanonicalMessage("/repo/mpg.yml", 42, 7, true, "MPG1001", "problem-solving: Δ −8.0 pts"), message);
    }

    [Fact]
    public void Warning_WithLineOnly()
    {
        var message = CanonicalMessage.TryParse("results_x.json(162): warning MPG1101: slow");

        Assert.Equal(new CanonicalMessage("results_x.json", 162, 0, false, "MPG1101", "slow"), message);
    }

    [Fact]
    public void WindowsPath_KeepsItsDrive()
    {
        var message = CanonicalMessage.TryParse(@"C:\src\mpg.yml(3,1): error MPG2001: unknown key 'sampels'");

        Assert.Equal(@"C:\src\mpg.yml", message?.File);
        Assert.Equal(3, message?.Line);
    }

    [Fact]
    public void ToolOrigin_HasNoFile()
    {
        var message = CanonicalMessage.TryParse("mpg: error MPG5001: internal error (X: y).");

        Assert.Null(message?.File);
        Assert.Equal("MPG5001", message?.Code);
    }

    [Theory]
    [InlineData("MPG gate lm-eval-example: PASS · baseline a → candidate b")]
    [InlineData("mpg: --samples must be at least 100, got 3")]
    [InlineData("x.cs(1,1): error CS0001: not ours")]
    public void OtherLines_AreNotDiagnostics(string line) => Assert.Null(CanonicalMessage.TryParse(line));
}
