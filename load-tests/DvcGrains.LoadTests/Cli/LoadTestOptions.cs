using System.Text.Json.Serialization;
using DvcGrains.LoadTests.Scenarios;
using DvcGrains.LoadTests.Scenarios.Replay;

namespace DvcGrains.LoadTests.Cli;

/// <summary>
/// Everything a run can be told, as the configuration file spells it (snake_case keys). The command line spells the
/// same options with dashes (<c>report_dir</c> is <c>--report-dir</c>) and wins over the file; unset means the default.
/// </summary>
public sealed class LoadTestOptions
{
    [JsonConverter(typeof(CommaListConverter))] public List<string>? Target { get; set; }
    public bool? Embedded { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? Scenario { get; set; }
    public List<ScenarioOptions>? Scenarios { get; set; }
    public double? Rate { get; set; }
    public string? Ramp { get; set; }
    public int? Copies { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? Load { get; set; }
    public string? Duration { get; set; }
    public long? Count { get; set; }
    public string? Warmup { get; set; }
    public string? MaxDuration { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? Threshold { get; set; }
    public bool? Verify { get; set; }
    public string? Settle { get; set; }
    public string? ReportDir { get; set; }
    public string? Lang { get; set; }
    public string? Province { get; set; }
    public string? Codes { get; set; }
    public string? OnlineShare { get; set; }
    public double? Zipf { get; set; }
    public double? HotShare { get; set; }
    public string? WatchHold { get; set; }
    public CampaignMix? Mix { get; set; }
    public int? Connections { get; set; }
    public string? Transport { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? WebUrl { get; set; }
    public int? WebConnections { get; set; }
    public int? MaxInFlight { get; set; }
    public string? Timeout { get; set; }
    public int? Retries { get; set; }
    public string? MaxLag { get; set; }
    public string? Think { get; set; }
    public string? Arrivals { get; set; }
    public int? Seed { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? ServerMetrics { get; set; }
    public string? MetricsInterval { get; set; }
    public bool? Heap { get; set; }
    public bool? Quiet { get; set; }
    public string? From { get; set; }
    public int? BusinessDays { get; set; }
    public ReplayMix? ReplayMix { get; set; }
    public string? CaFile { get; set; }
    public string? TokenFile { get; set; }
    public bool? AbortOnFail { get; set; }
    public string? Junit { get; set; }
    public int? MetricsPort { get; set; }
}

/// <summary>A scenario of the run with its own weight and, optionally, its own load (configuration file only).</summary>
public sealed class ScenarioOptions
{
    public string? Name { get; set; }
    public double? Weight { get; set; }
    [JsonConverter(typeof(CommaListConverter))] public List<string>? Load { get; set; }
}
