using MathNet.Numerics.Distributions;

namespace Mpg.Gate.Planning;

/// <summary>
/// How many items a rule needs, by the normal approximation of the gate's own test. The rule flags a regression when
/// P(Δ &lt; −margin) reaches 1 − α′; with Δ̂ ≈ N(Δ, σ²/n) that is Δ̂ &lt; −margin − z₁₋α′ σ/√n, so a true drop D
/// beyond the margin is flagged with probability <c>power</c> once √n (D − margin)/σ = z₁₋α′ + z_power:
/// n = ((z₁₋α′ + z_power) σ / (D − margin))². σ is the sd of one item's difference (candidate − baseline):
/// see <see cref="ItemEvidence"/>. docs/METHOD.md checks it against Connor's McNemar sample size and by simulation.
/// </summary>
public static class ItemsNeeded
{
    public const double DefaultPower = 0.8;

    /// <summary>
    /// The drop a gate decides by default: twice the margin, and at least a point beyond it. At the items that
    /// detect a true drop of 2 × margin, a true no-change is also shown not worse than the margin (it lies as far
    /// from the margin on the other side), both with the same power.
    /// </summary>
    public static double DefaultDrop(double margin) => Math.Max(2 * margin, margin + 0.01);

    /// <summary>z₁₋α′ + z_power.</summary>
    public static double Z(double alpha, double power) => Normal.InvCDF(0, 1, 1 - alpha) + Normal.InvCDF(0, 1, power);

    /// <returns>Null where the drop is within the margin (no number of items makes it a regression) or σ is unknown.</returns>
    public static int? For(double sdPerItem, double drop, double margin, double alpha, double power)
    {
        if (drop <= margin || !(sdPerItem >= 0) || double.IsNaN(sdPerItem))
        {
            return null;
        }

        var n = Math.Pow(Z(alpha, power) * sdPerItem / (drop - margin), 2);
        return n >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)Math.Ceiling(n - 1e-9));
    }

    /// <summary>Rounded up to two significant figures, as reports say "about 1,400 more items": the figure is an approximation.</summary>
    public static int About(int n)
    {
        if (n < 100)
        {
            return n;
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(n)) - 1);
        return (int)Math.Min(int.MaxValue, Math.Ceiling(n / scale) * scale);
    }

    /// <summary>The smallest true drop flagged with the given power on <paramref name="items"/> items.</summary>
    public static double DetectableDrop(double sdPerItem, int items, double margin, double alpha, double power) =>
        margin + (Z(alpha, power) * sdPerItem / Math.Sqrt(items));

    /// <summary>
    /// Connor (1987), the sample size of McNemar's test for a one-sided level α and the given power, with ψ the
    /// share of discordant pairs and D = p₁₀ − p₀₁: n = (z₁₋α √ψ + z_power √(ψ − D²))² / D². The oracle the planner's
    /// paired binary figure is checked against (it tests at margin 0 with the null variance ψ, we with the posterior's).
    /// </summary>
    public static double ConnorMcNemar(double discordance, double drop, double alpha, double power)
    {
        var za = Normal.InvCDF(0, 1, 1 - alpha);
        var zb = Normal.InvCDF(0, 1, power);
        return Math.Pow((za * Math.Sqrt(discordance)) + (zb * Math.Sqrt(discordance - (drop * drop))), 2) / (drop * drop);
    }
}
