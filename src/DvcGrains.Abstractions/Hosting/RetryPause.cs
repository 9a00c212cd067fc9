namespace DvcGrains.Abstractions.Hosting;

/// <summary>How long background work waits before it tries again: doubling from a first pause, up to a longest one.</summary>
public static class RetryPause
{
    /// <param name="attempt">The attempt that failed, from 1.</param>
    public static TimeSpan After(int attempt, TimeSpan first, TimeSpan longest) =>
        TimeSpan.FromMilliseconds(Math.Min(longest.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, attempt - 1)));
}
