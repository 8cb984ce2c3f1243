namespace Mpg.Gate.Review;

/// <summary>
/// Bounded retries for transient faults (rate limits, 5xx, timeouts, unreachable): waits what the host
/// asked for (Retry-After, x-ratelimit-reset), else backs off exponentially; never waits longer than
/// <see cref="MaxWait"/> at once, and gives up after <see cref="MaxAttempts"/>.
/// </summary>
/// <param name="Delay">How to wait; tests pass one that records instead of sleeping.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan MaxWait, Func<TimeSpan, CancellationToken, Task> Delay)
{
    /// <summary>GitHub asks for at least a minute after a secondary rate limit that names no wait.</summary>
    public static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromSeconds(60);

    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Task.Delay);

    /// <summary>Runs <paramref name="operation"/> until it succeeds, a fault is not transient, or the attempts run out.</summary>
    public async Task<T> Run<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellation).ConfigureAwait(false);
            }
            catch (ReviewFault fault) when (fault.IsTransient)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new ReviewFault(fault.Kind, fault.Status, $"{fault.Message} (gave up after {attempt} attempts)");
                }

                var wait = fault.RetryAfter
                    ?? (fault.Kind == FaultKind.RateLimited ? SecondaryLimitWait : FirstBackoff * Math.Pow(2, attempt - 1));
                if (wait > MaxWait)
                {
                    throw new ReviewFault(fault.Kind, fault.Status, $"{fault.Message}; the host asks to wait {wait.TotalSeconds:0} s, more than the {MaxWait.TotalSeconds:0} s allowed");
                }

                await Delay(wait, cancellation).ConfigureAwait(false);
            }
        }
    }
}
