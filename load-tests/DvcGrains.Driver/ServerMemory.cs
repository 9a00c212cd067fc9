using System.Globalization;

namespace DvcGrains.Driver;

/// <summary>A running server's memory, as its /metrics page reports it.</summary>
public static class ServerMemory
{
    public static async Task<string> Read(string metricsUrl)
    {
        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(new Uri(metricsUrl), "/metrics"));
        return string.Create(CultureInfo.InvariantCulture,
            $"managed heap {Megabytes(page, "dotnet_total_memory_bytes")} MB, working set {Megabytes(page, "process_working_set_bytes")} MB");
    }

    private static string Megabytes(string page, string metric)
    {
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(metric + " ", StringComparison.Ordinal));
        return line is null
            ? "?"
            : (double.Parse(line[(metric.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture) / 1_048_576).ToString("0", CultureInfo.InvariantCulture);
    }
}
