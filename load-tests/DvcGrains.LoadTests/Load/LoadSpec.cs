using System.Globalization;

using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Load;

/// <summary>
/// The load of a scenario written as text, one phase per item:
/// <c>inject 200/s 30s</c>, <c>ramping-inject 50:400/s 1m</c>, <c>pause 5s</c>, <c>keep-constant 64 2m</c>.
/// On the command line the phases are separated by <c>;</c>.
/// </summary>
public static class LoadSpec
{
    public const string Grammar = "inject RATE/s DURATION | ramping-inject FROM:TO/s DURATION | pause DURATION | keep-constant COPIES DURATION";

    public static IReadOnlyList<LoadPhase> ParseAll(string text) =>
        [.. (text ?? throw new UsageException("--load needs phases.")).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public static LoadPhase Parse(string phase)
    {
        var words = (phase ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return words switch
            {
                ["inject", var rate, var during] => new InjectPhase(Rate(rate), DurationText.Parse(during, "inject")),
                ["ramping-inject", var rates, var during] => Ramp(rates, DurationText.Parse(during, "ramping-inject")),
                ["pause", var during] => new PausePhase(DurationText.Parse(during, "pause")),
                ["keep-constant", var copies, var during] => new KeepConstantPhase(Copies(copies), DurationText.Parse(during, "keep-constant")),
                _ => throw new UsageException($"write {Grammar}."),
            };
        }
        catch (UsageException e)
        {
            throw new UsageException($"Load phase '{phase}': {e.Message}", e);
        }
    }

    /// <summary><c>FROM:TO</c> with an optional <c>/s</c>, as <c>--ramp</c> takes it.</summary>
    public static (double From, double To) RampRates(string text)
    {
        var parts = (text ?? string.Empty).Replace("/s", string.Empty, StringComparison.Ordinal).Split(':');
        return parts.Length == 2
            ? (Rate(parts[0]), Rate(parts[1]))
            : throw new UsageException($"'{text}' is not a ramp; write FROM:TO in iterations per second, e.g. 50:400.");
    }

    public static double Rate(string text)
    {
        var number = (text ?? string.Empty).Replace("/s", string.Empty, StringComparison.Ordinal);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && double.IsFinite(rate)
            ? rate
            : throw new UsageException($"'{text}' is not a rate; write iterations per second, e.g. 200 or 200/s.");
    }

    private static RampingInjectPhase Ramp(string rates, TimeSpan during)
    {
        var (from, to) = RampRates(rates);
        return new RampingInjectPhase(from, to, during);
    }

    private static int Copies(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var copies) && copies > 0
            ? copies
            : throw new UsageException($"'{text}' is not a number of copies; write a positive whole number.");
}
