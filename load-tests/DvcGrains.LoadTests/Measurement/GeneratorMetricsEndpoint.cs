using Prometheus;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// --metrics-port: the generator's own view on a Prometheus page (http://127.0.0.1:PORT/metrics, a registry of its
/// own, apart from an embedded server's), so that a dashboard can show what portals sent and saw beside what the
/// server says it did: calls per scenario, step and outcome, retries, iterations waiting, and each scenario's latency
/// percentiles and generator lag over the last second.
/// </summary>
public sealed class GeneratorMetricsEndpoint : IDisposable
{
    private readonly KestrelMetricServer _server;

    private GeneratorMetricsEndpoint(KestrelMetricServer server) => _server = server;

    public static GeneratorMetricsEndpoint Start(int port, IReadOnlyList<ScenarioStats> stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        var calls = factory.CreateCounter("dvc_loadtest_calls_total", "Measured calls the generator completed, by scenario, step and outcome (ok, failed, dropped).", "scenario", "step", "outcome");
        var retries = factory.CreateCounter("dvc_loadtest_retries_total", "Resends after UNAVAILABLE or RESOURCE_EXHAUSTED.", "scenario", "step");
        var inFlight = factory.CreateGauge("dvc_loadtest_iterations_in_flight", "Iterations of the scenario waiting on the servers.", "scenario");
        var latency = factory.CreateGauge("dvc_loadtest_latency_ms", "Latency from the intended start over the last second, by percentile.", "scenario", "quantile");
        var lag = factory.CreateGauge("dvc_loadtest_lag_p99_ms", "The generator's lag (intended start to send), p99 over the last second.", "scenario");
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var scenario in stats)
            {
                foreach (var step in scenario.Steps)
                {
                    calls.WithLabels(scenario.Name, step.Step, "ok").IncTo(step.Ok);
                    calls.WithLabels(scenario.Name, step.Step, "failed").IncTo(step.Failed);
                    calls.WithLabels(scenario.Name, step.Step, "dropped").IncTo(step.Dropped);
                    retries.WithLabels(scenario.Name, step.Step).IncTo(step.Retries);
                }
                inFlight.WithLabels(scenario.Name).Set(scenario.InFlight);
                if (scenario.Timeline.Count > 0 && scenario.Timeline[^1] is var last)
                {
                    latency.WithLabels(scenario.Name, "0.5").Set(last.P50Ms);
                    latency.WithLabels(scenario.Name, "0.95").Set(last.P95Ms);
                    latency.WithLabels(scenario.Name, "0.99").Set(last.P99Ms);
                    lag.WithLabels(scenario.Name).Set(last.LagP99Ms);
                }
            }
        });
        var server = new KestrelMetricServer("127.0.0.1", port, registry: registry);
        server.Start();
        return new GeneratorMetricsEndpoint(server);
    }

    public void Dispose() => _server.Dispose();
}
