using System.Diagnostics;

namespace DvcGrains.LoadTests.Load;

/// <summary>The monotonic clock of the machine, started with the run.</summary>
public sealed class SystemLoadClock : ILoadClock
{
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public async Task WaitUntil(TimeSpan at, CancellationToken cancellation)
    {
        // Timers round to milliseconds and may fire a little early: wait again until the offset has really passed.
        for (var remaining = at - Elapsed; remaining > TimeSpan.Zero; remaining = at - Elapsed)
        {
            await Task.Delay(remaining < TimerResolution ? TimerResolution : remaining, cancellation);
        }
    }
}
