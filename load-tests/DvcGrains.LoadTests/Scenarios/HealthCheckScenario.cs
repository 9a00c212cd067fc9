using DvcGrains.LoadTests.Engine;
using Grpc.Health.V1;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>grpc.health.v1.Health/Check: the cheapest call a server answers, the generator's and the transport's ceiling.</summary>
public sealed class HealthCheckScenario : IScenario
{
    private static readonly HealthCheckRequest Request = new();

    public string Name => "health-check";
    public IReadOnlyList<string> Steps { get; } = ["Check"];
    public IReadOnlyCollection<string> UnitsWritten => [];

    public Iteration NextIteration(Random random, double progress) =>
        new("Check", c => c.Call("Check", o => c.Target.Health.CheckAsync(Request, o).ResponseAsync));
}
