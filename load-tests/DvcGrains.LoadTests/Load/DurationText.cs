using System.Globalization;
using System.Text.RegularExpressions;

using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Load;

/// <summary>Durations as people write them: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, <c>1m30s</c>; a bare number is seconds.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"\G(\d+(?:\.\d+)?)(ms|us|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static TimeSpan Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        var total = TimeSpan.Zero;
        var at = 0;
        foreach (Match part in Part().Matches(trimmed))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "us" => TimeSpan.FromMicroseconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
            at = part.Index + part.Length;
        }
        return at == trimmed.Length && at > 0
            ? total
            : throw new UsageException($"{what}: '{text}' is not a duration; write e.g. 500ms, 30s, 2m, 1h or 1m30s.");
    }

    public static string Format(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } when span.Minutes == 0 && span.Seconds == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h"),
        { TotalMinutes: >= 1 } when span.Seconds == 0 && span.Milliseconds == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m"),
        { TotalSeconds: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###}ms"),
    };
}
