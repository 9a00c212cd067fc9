namespace DvcGrains.LoadTests.Load;

/// <summary>The generator's sense of time: an offset from the start of the run, and a wait for an offset.</summary>
public interface ILoadClock
{
    TimeSpan Elapsed { get; }

    /// <summary>Completes at <paramref name="at"/> or later, never earlier: a call started after it is never early.</summary>
    Task WaitUntil(TimeSpan at, CancellationToken cancellation);
}
