using Grpc.Core;

namespace DvcGrains.LoadTests.Engine;

/// <summary>
/// How the generator calls, as a portal does: each call has a deadline, and a call refused with UNAVAILABLE (may or
/// may not have applied) or RESOURCE_EXHAUSTED (shed, not applied) is sent again, the same request with the same
/// request_id, after a growing pause with jitter, at most <see cref="MaxRetries"/> times.
/// </summary>
public sealed record CallPolicy(TimeSpan Timeout, int MaxRetries, TimeSpan FirstBackoff, TimeSpan MaxBackoff)
{
    public static bool IsRetryable(StatusCode status) => status is StatusCode.Unavailable or StatusCode.ResourceExhausted;

    /// <summary>A failure after which the command may have been applied: only the same request_id sent again can tell.</summary>
    public static bool LeavesInDoubt(StatusCode status) =>
        status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Unknown or StatusCode.Internal;

    /// <summary>Between half and all of an exponential bound, at random, so that the retries of many calls spread out.</summary>
    public TimeSpan Backoff(int retry, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bound = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(bound * (0.5 + random.NextDouble() / 2));
    }
}
