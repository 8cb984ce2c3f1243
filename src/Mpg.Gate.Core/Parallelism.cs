using System.Runtime.ExceptionServices;

namespace Mpg.Gate;

/// <summary>
/// How many cores the engine's parallel loops may use: all of them unless a caller limits it (<c>--threads</c>). The limit
/// flows with the caller's execution context, so two in-process callers with different limits never see each other's.
/// Parallel work only ever fills slots whose order is fixed beforehand: results never depend on the degree.
/// </summary>
public static class Parallelism
{
    private static readonly AsyncLocal<int?> Limit = new();

    /// <summary>The most threads a parallel loop started here may use.</summary>
    public static int Degree => Limit.Value ?? Environment.ProcessorCount;

    public static ParallelOptions Options => new() { MaxDegreeOfParallelism = Degree };

    /// <summary>Limits the loops started in this execution context (and the tasks it starts) to <paramref name="threads"/> until disposed.</summary>
    public static IDisposable LimitTo(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var before = Limit.Value;
        Limit.Value = threads;
        return new Restore(before);
    }

    /// <summary>
    /// <paramref name="map"/> of each item on up to <see cref="Degree"/> cores, results in the items' order. Every item is
    /// mapped; where some fail, the first failing item's exception (in item order) is rethrown unchanged, so the error a
    /// user sees is the one the sequential loop would have stopped at.
    /// </summary>
    public static IReadOnlyList<TResult> InOrder<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(map);
        if (items.Count <= 1 || Degree == 1)
        {
            return items.Select(map).ToList();
        }

        var results = new TResult[items.Count];
        var errors = new ExceptionDispatchInfo?[items.Count];
        Parallel.For(0, items.Count, Options, i =>
        {
#pragma warning disable CA1031 // Not handled here: captured and rethrown, unchanged, in item order below.
            try
            {
                results[i] = map(items[i]);
            }
            catch (Exception ex)
            {
                errors[i] = ExceptionDispatchInfo.Capture(ex);
            }
#pragma warning restore CA1031
        });

        foreach (var error in errors)
        {
            error?.Throw();
        }

        return results;
    }

    private sealed class Restore(int? before) : IDisposable
    {
        public void Dispose() => Limit.Value = before;
    }
}
