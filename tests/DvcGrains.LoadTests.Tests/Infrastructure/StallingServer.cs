using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Tests.Infrastructure;

/// <summary>
/// A pretend server on the virtual clock: every call takes <see cref="ServiceTime"/>, except that nothing is answered
/// between <see cref="StallFrom"/> and <see cref="StallUntil"/> (a pause, a failover): calls arriving then are answered
/// at its end.
/// </summary>
public sealed class StallingServer(VirtualClock clock) : IScenario
{
    public static readonly TimeSpan ServiceTime = TimeSpan.FromMilliseconds(7);
    public static readonly TimeSpan StallFrom = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan StallUntil = TimeSpan.FromSeconds(2);

    public string Name => "stall";
    public IReadOnlyList<string> Steps { get; } = ["Call"];
    public IReadOnlyCollection<string> UnitsWritten => [];

    public Iteration NextIteration(Random random, double progress) => new("Call", context => context.Call("Call", async _ =>
    {
        var now = clock.Elapsed;
        var start = now >= StallFrom && now < StallUntil ? StallUntil : now;
        await clock.WaitUntil(start + ServiceTime, CancellationToken.None);
        return true;
    }));
}
