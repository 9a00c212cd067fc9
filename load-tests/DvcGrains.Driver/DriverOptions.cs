using System.Globalization;

namespace DvcGrains.Driver;

/// <summary>
/// A bounded run: at most <see cref="Dossiers"/> dossiers and at most <see cref="MaxDuration"/>, whichever ends first.
/// </summary>
public sealed record DriverOptions(
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> MetricsUrls,
    int Dossiers,
    int Concurrency,
    TimeSpan MaxDuration,
    bool Lifecycle,
    bool MeasureMemory)
{
    public const string Usage = """
        dotnet run -c Release --project load-tests/DvcGrains.Driver -- [options]
          --target URL[,URL]  running servers' gRPC addresses, used in turn (default: start one in this process)
          --metrics URL[,URL] their metrics addresses: memory is read from /metrics after the run
          --dossiers N        dossiers to file (default 10000)
          --concurrency N     calls in flight (default 64)
          --max-seconds N     stop after N seconds whatever is left (default 300)
          --lifecycle         take each dossier through StartProcessing, FinishProcessing, ReturnResult
          --memory            (in-process only) measure the heap per unit and per dossier, active and idle
        """;

    public bool InProcess => Targets.Count == 0;

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriverOptions([], [], 10_000, 64, TimeSpan.FromSeconds(300), Lifecycle: false, MeasureMemory: false);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i]} needs a positive whole number.\n{Usage}");
            options = args[i] switch
            {
                "--target" => options with { Targets = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--metrics" => options with { MetricsUrls = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--dossiers" => options with { Dossiers = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--max-seconds" => options with { MaxDuration = TimeSpan.FromSeconds(Number()) },
                "--lifecycle" => options with { Lifecycle = true },
                "--memory" => options with { MeasureMemory = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        return options.MeasureMemory && !options.InProcess
            ? throw new ArgumentException($"--memory measures this process's heap: drop --target.\n{Usage}")
            : options;
    }
}
