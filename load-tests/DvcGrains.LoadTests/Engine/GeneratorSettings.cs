using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Engine;

/// <summary>How the generator runs every scenario of a run.</summary>
/// <param name="MaxInFlight">Iterations of one scenario waiting on the server before new arrivals are dropped.</param>
/// <param name="ThinkTime">The pause between a reply and the iteration's next step.</param>
/// <param name="Drain">How long the end of the run waits for iterations still in flight.</param>
public sealed record GeneratorSettings(
    CallPolicy Calls,
    ArrivalProcess Arrivals,
    int MaxInFlight,
    TimeSpan ThinkTime,
    TimeSpan Drain,
    int Seed);
