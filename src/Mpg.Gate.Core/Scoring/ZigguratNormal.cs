using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mpg.Gate.Scoring;

/// <summary>
/// Standard normal draws by the ziggurat method (Marsaglia and Tsang, 2000, "The Ziggurat Method for Generating Random
/// Variables"), 256 layers of equal area under e^(−x²/2). About 99% of draws cost one 64-bit uniform, a multiply and a
/// compare, against a log and a square root per pair for the polar method; the wedges and the tail beyond
/// <see cref="R"/> are drawn by rejection, so the draws are normal, not an approximation (the tables close the top layer
/// to within 1e-9 of its area, the precision of the paper's constants).
/// </summary>
public static class ZigguratNormal
{
    private const int Layers = 256;

    /// <summary>Where the base layer's tail begins, and each layer's area (the paper's r and v for 256 layers).</summary>
    private const double R = 3.6541528853610088, Area = 0.00492867323399;

    // Widths[i] is the right edge of layer i (layer 0 the base: its width is Area / f(R), so the tail counts in it);
    // Heights[i] is f(Widths[i]). Layer i spans heights Heights[i] .. Heights[i + 1]; Widths[Layers] is 0.
    private static readonly double[] Widths = new double[Layers + 1];
    private static readonly double[] Heights = new double[Layers + 1];

    // Widths[i] · 2^-53, so a 53-bit integer times it is the position in layer i: one multiply fewer, and the same bits
    // (scaling by a power of two is exact, so both orders round the one product once).
    private static readonly double[] PositionScale = new double[Layers];

#pragma warning disable CA1810 // the tables are built by a recurrence, which a field initializer cannot say
    static ZigguratNormal()
#pragma warning restore CA1810
    {
        var f = Density(R);
        Widths[0] = Area / f;
        Widths[1] = R;
        for (var i = 2; i < Layers; i++)
        {
            Widths[i] = Math.Sqrt(-2 * Math.Log(Density(Widths[i - 1]) + (Area / Widths[i - 1])));
        }

        Widths[Layers] = 0;
        for (var i = 0; i <= Layers; i++)
        {
            Heights[i] = Density(Widths[i]);
        }

        for (var i = 0; i < Layers; i++)
        {
            PositionScale[i] = Widths[i] * (1.0 / (1UL << 53));
        }
    }

    /// <summary>A standard normal draw. The common case (inside a layer's rectangle) is small enough to inline into the Gamma loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(SeededUniform uniform)
    {
        // One output, three disjoint parts: the layer (low 8 bits), the sign (bit 8), the position (top 53 bits).
        var bits = uniform.NextUInt64();
        var layer = (int)(bits & 0xFF);

        // The layer is below 256 by its mask, so the tables (256 and 257 entries) need no bounds checks.
        var x = (bits >> 11) * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(PositionScale), layer);
        if (x < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Widths), layer + 1))
        {
            // Inside the part of the layer that lies wholly under the curve. The sign is bit 8 moved onto the sign bit, not a
            // branch: a coin flip is a branch no predictor learns, mispredicted every other draw (the same bits as −x).
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) ^ (long)((bits & 0x100) << 55));
        }

        return Edge(uniform, layer, x, (bits & 0x100) != 0);
    }

    /// <summary>A draw that fell outside its layer's inner rectangle: the tail, or the wedge, else a fresh draw.</summary>
    private static double Edge(SeededUniform uniform, int layer, double x, bool negative)
    {
        if (layer == 0)
        {
            var tail = Tail(uniform);
            return negative ? -tail : tail;
        }

        // The wedge: a uniform height in the layer, kept if it falls under the curve.
        var y = Heights[layer] + (uniform.NextDouble() * (Heights[layer + 1] - Heights[layer]));
        return y < Density(x) ? (negative ? -x : x) : Next(uniform);
    }

    /// <summary>A draw beyond <see cref="R"/>, by Marsaglia's (1964) exponential rejection.</summary>
    private static double Tail(SeededUniform uniform)
    {
        double a, b;
        do
        {
            a = -Math.Log(OpenUniform(uniform)) / R;
            b = -Math.Log(OpenUniform(uniform));
        }
        while (2 * b < a * a);

        return R + a;
    }

    private static double OpenUniform(SeededUniform uniform)
    {
        double u;
        do
        {
            u = uniform.NextDouble();
        }
        while (u == 0);

        return u;
    }

    private static double Density(double x) => Math.Exp(-0.5 * x * x);
}
