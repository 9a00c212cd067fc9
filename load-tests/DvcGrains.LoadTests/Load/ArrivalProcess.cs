namespace DvcGrains.LoadTests.Load;

/// <summary>How the arrivals of an open phase are spaced.</summary>
public enum ArrivalProcess
{
    /// <summary>Evenly: the same rate gives the same schedule every run.</summary>
    Uniform,

    /// <summary>Independently at random, as portal users arrive: bursts and gaps at the same average rate.</summary>
    Poisson,
}
