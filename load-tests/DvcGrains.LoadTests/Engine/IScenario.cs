namespace DvcGrains.LoadTests.Engine;

/// <summary>A named kind of traffic: the steps it may call and, on demand, its next iteration.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>Every step an iteration may run, in the order reports list them.</summary>
    IReadOnlyList<string> Steps { get; }

    /// <summary>The units whose counters its iterations may move (none for readers): the verification reads them before the run.</summary>
    IReadOnlyCollection<string> UnitsWritten { get; }

    /// <summary>
    /// The next iteration. Called by the scheduler at the iteration's intended start, so it must be quick: draw, do not call.
    /// </summary>
    /// <param name="random">The iteration's own random source.</param>
    /// <param name="progress">How far into the measured run the iteration is due, from 0 to 1 (campaigns change their mix with it).</param>
    Iteration NextIteration(Random random, double progress);
}
