using System.Globalization;
using System.Text.RegularExpressions;
using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Thresholds;

/// <summary>
/// A pass/fail rule on the run, <c>[SCENARIO[/STEP]:]METRIC OP VALUE[UNIT]</c>: <c>p99&lt;50ms</c> (every call of the run),
/// <c>campaign-day:fail&lt;0.1%</c> (a scenario), <c>lifecycle/Submit:rps&gt;1000</c> (a step). Latencies take us, ms or s
/// (ms when bare), shares % (a bare number is a fraction), rates calls per second.
/// </summary>
public sealed partial record Threshold(string Expression, string? Scenario, string? Step, ThresholdMetric Metric, string Operator, double Limit)
{
    [GeneratedRegex(@"^(?:(?<scenario>[A-Za-z0-9_.-]+)(?:/(?<step>[A-Za-z0-9_.-]+))?:)?(?<metric>[a-z0-9]+)\s*(?<op><=|>=|<|>)\s*(?<value>\d+(?:\.\d+)?)\s*(?<unit>us|ms|s|%)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    public bool IsLatency => Metric is <= ThresholdMetric.Max;

    public static Threshold Parse(string expression)
    {
        var match = Syntax().Match((expression ?? string.Empty).Trim());
        if (!match.Success)
        {
            throw new UsageException($"Threshold '{expression}' is not of the form [SCENARIO[/STEP]:]METRIC OP VALUE, e.g. p99<50ms, fail<0.1%, campaign-day/Submit:rps>1000.");
        }
        var metric = match.Groups["metric"].Value switch
        {
            "p50" => ThresholdMetric.P50,
            "p75" => ThresholdMetric.P75,
            "p95" => ThresholdMetric.P95,
            "p99" => ThresholdMetric.P99,
            "p999" or "p99.9" => ThresholdMetric.P999,
            "max" => ThresholdMetric.Max,
            "fail" => ThresholdMetric.Fail,
            "dropped" => ThresholdMetric.Dropped,
            "rps" => ThresholdMetric.Rps,
            var other => throw new UsageException($"Threshold '{expression}': '{other}' is not a metric; use p50, p75, p95, p99, p999, max, fail, dropped or rps."),
        };
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        var limit = (metric, unit) switch
        {
            ( <= ThresholdMetric.Max, "" or "ms") => value,
            ( <= ThresholdMetric.Max, "us") => value / 1000,
            ( <= ThresholdMetric.Max, "s") => value * 1000,
            (ThresholdMetric.Fail or ThresholdMetric.Dropped, "%") => value / 100,
            (ThresholdMetric.Fail or ThresholdMetric.Dropped, "") => value,
            (ThresholdMetric.Rps, "") => value,
            _ => throw new UsageException($"Threshold '{expression}': {match.Groups["metric"].Value} cannot be in '{unit}'; latencies take us, ms or s, fail and dropped take %, rps none."),
        };
        var scenario = match.Groups["scenario"].Success ? match.Groups["scenario"].Value : null;
        var step = match.Groups["step"].Success ? match.Groups["step"].Value : null;
        return new Threshold(expression!.Trim(), scenario, step, metric, match.Groups["op"].Value, limit);
    }

    /// <summary>Whether <paramref name="actual"/> (milliseconds, a fraction or calls per second) keeps the rule.</summary>
    public bool Holds(double actual) => Operator switch
    {
        "<" => actual < Limit,
        "<=" => actual <= Limit,
        ">" => actual > Limit,
        _ => actual >= Limit,
    };
}
