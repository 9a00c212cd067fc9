using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Engine;

/// <summary>
/// The generator on a virtual clock against a server that answers nothing for one second: an open model charges every
/// call that waited from its intended start, a closed one hides the stall behind a single slow call.
/// </summary>
public sealed class IntendedStartTests
{
    private static readonly GeneratorSettings Settings = new(
        new CallPolicy(TimeSpan.FromSeconds(10), 0, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)),
        ArrivalProcess.Uniform,
        MaxInFlight: 10_000,
        ThinkTime: TimeSpan.Zero,
        Drain: TimeSpan.FromSeconds(5),
        Seed: 1);

    [Fact]
    public async Task Open_model_measures_every_call_that_waited_on_the_stall_from_its_intended_start()
    {
        var call = (await Run(new InjectPhase(100, TimeSpan.FromSeconds(3)), Settings)).Step("Call");

        Assert.Equal(300, call.Ok);
        // The first call due in the stall (1.005 s) is answered at 2.007 s; the 100 due in it waited 12 ms to 1,002 ms.
        Assert.InRange(Percentiles.MaxMilliseconds(call.Latency.Total), 1001, 1004);
        // 200 calls took 7 ms; the 225th fastest is the 25th of the stalled ones: 2 + 25 × 10 = 252 ms.
        Assert.InRange(Percentiles.Milliseconds(call.Latency.Total, 75), 249, 255);
        Assert.InRange(Percentiles.Milliseconds(call.Latency.Total, 50), 6.9, 7.1);
        // The generator was never late: service time is the latency, the lag nothing.
        Assert.InRange(Percentiles.MaxMilliseconds(call.Service.Total), 1001, 1004);
        Assert.True(Percentiles.MaxMilliseconds(call.Lag.Total) < 0.01);
    }

    [Fact]
    public async Task Closed_model_sees_the_same_stall_as_one_slow_call()
    {
        var call = (await Run(new KeepConstantPhase(1, TimeSpan.FromSeconds(3)), Settings)).Step("Call");

        Assert.InRange(Percentiles.MaxMilliseconds(call.Latency.Total), 1000, 1008);
        // The copy waited instead of sending: the histogram has one slow call, and its p99 says nothing of the stall.
        Assert.InRange(Percentiles.Milliseconds(call.Latency.Total, 99), 6.9, 7.1);
        Assert.InRange(call.Ok, 280, 290);
    }

    [Fact]
    public async Task Arrivals_that_find_the_in_flight_limit_reached_are_dropped_and_counted()
    {
        var stats = await Run(new InjectPhase(100, TimeSpan.FromSeconds(3)), Settings with { MaxInFlight = 5 });
        var call = stats.Step("Call");

        // The first five arrivals of the stall wait; the 95 after them, and the one due at 2.005 s (the stalled calls are
        // answered at 2.007 s), find five in flight.
        Assert.Equal(96, call.Dropped);
        Assert.Equal(204, call.Ok);
        Assert.Equal(300, call.Intended);
        Assert.Equal(96, stats.IterationsDropped);
    }

    private static Task<ScenarioStats> Run(LoadPhase phase, GeneratorSettings settings) => Task.Run(() =>
    {
        // On a pool thread there is no synchronization context: every continuation runs inline as the clock moves.
        var clock = new VirtualClock();
        var scenario = new StallingServer(clock);
        var stats = new ScenarioStats(scenario.Name, scenario.Steps);
        using var targets = new TargetPool([new Uri("http://127.0.0.1:9")], 1);
        var runner = new ScenarioRunner(scenario, stats, settings, clock, targets, ledger: null);
        clock.RunUntil(runner.Run([new ScheduledPhase(phase, TimeSpan.Zero, Measured: true)], count: null, CancellationToken.None));
        stats.Sample(clock.Elapsed);
        return stats;
    });
}
