using System.Text;
using MathNet.Numerics.Random;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>Seeded Monte Carlo over the tree: draws per leaf posterior, weighted sums up to the root.</summary>
public static class TreeSampler
{
    /// <summary>
    /// A generator per (seed, stream, leaf): a leaf's draws do not change when other leaves are added or
    /// reordered, and the baseline and candidate of a gate draw from different streams.
    /// </summary>
    public static SeededUniform UniformFor(int seed, string stream, string leafId) => new(SeedFor(seed, stream, leafId));

    /// <summary>The same stream as a <see cref="Random"/>, for the bootstrap's integer picks (<see cref="Random.Next(int)"/>).</summary>
    public static Random RandomFor(int seed, string stream, string leafId) => new Xoshiro256StarStar(SeedFor(seed, stream, leafId), threadSafe: false);

    private static int SeedFor(int seed, string stream, string leafId)
    {
        // FNV-1a over the stream and leaf id, mixed with the seed by SplitMix64's finaliser.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(stream + "\0" + leafId))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var z = hash + ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static double[] DrawLeaf(BetaPosterior posterior, int samples, SeededUniform random)
    {
        // Every element is written below, so the 160 KB of a 20,000-draw leaf need not be zeroed first.
        var draws = GC.AllocateUninitializedArray<double>(samples);
        posterior.Sample(random, draws);
        return draws;
    }

    /// <summary>
    /// Draws of each node's posterior from the node's own stream (<see cref="UniformFor"/>), the nodes spread over the
    /// cores: a node's draws depend on the seed, the stream and its id alone, so the bytes are the same whatever the degree.
    /// </summary>
    public static Dictionary<string, double[]> DrawEach(IReadOnlyList<(string Id, BetaPosterior Posterior)> nodes, int samples, int seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var draws = Parallelism.InOrder(nodes, n => DrawLeaf(n.Posterior, samples, UniformFor(seed, stream, n.Id)));
        var byId = new Dictionary<string, double[]>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            byId[nodes[i].Id] = draws[i];
        }

        return byId;
    }

    /// <summary>
    /// Draws for every node whose leaves all have draws; a node with any leaf missing is left out
    /// (it is missing, never silently averaged over what remains).
    /// </summary>
    public static Dictionary<string, double[]> Combine(
        PolicyNode root,
        IReadOnlyDictionary<string, double[]> leafDraws,
        IReadOnlyDictionary<string, double> relativeWeights,
        int samples)
    {
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        Fill(root, leafDraws, relativeWeights, samples, result);
        return result;
    }

    private static double[]? Fill(
        PolicyNode node,
        IReadOnlyDictionary<string, double[]> leafDraws,
        IReadOnlyDictionary<string, double> weights,
        int samples,
        Dictionary<string, double[]> result)
    {
        if (node.IsLeaf)
        {
            if (leafDraws.TryGetValue(node.Id, out var own))
            {
                result[node.Id] = own;
            }

            return own;
        }

        var sum = new double[samples];
        var complete = true;
        foreach (var child in node.Children)
        {
            var draws = Fill(child, leafDraws, weights, samples, result);
            if (draws is null)
            {
                complete = false;
                continue;
            }

            var w = weights[child.Id];
            for (var i = 0; i < samples; i++)
            {
                sum[i] += w * draws[i];
            }
        }

        if (!complete)
        {
            return null;
        }

        result[node.Id] = sum;
        return sum;
    }
}
