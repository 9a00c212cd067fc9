namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// The three instants of a call, as offsets from the run's start. <see cref="Intended"/> is when the schedule wanted it
/// sent, whatever happened before: latency counts from there, so a server that stalls is charged for every call that
/// waited on it (no coordinated omission). The generator's own delay and the server's time are reported apart.
/// </summary>
public readonly record struct CallTiming(TimeSpan Intended, TimeSpan Sent, TimeSpan Ended)
{
    /// <summary>What the caller experienced: from the intended start to the reply, retries included.</summary>
    public TimeSpan Latency => Ended - Intended;

    /// <summary>From the first send to the reply: the server, the network and any retries.</summary>
    public TimeSpan Service => Ended - Sent;

    /// <summary>How late the generator sent the call: not the server's fault, and a run with much of it is invalid.</summary>
    public TimeSpan Lag => Sent - Intended;
}
