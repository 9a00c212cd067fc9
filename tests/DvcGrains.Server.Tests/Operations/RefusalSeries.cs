using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>
/// An OVERLOADED refusal series of one method and limit. Metrics are shared by the servers of the test process, so
/// each test reads a method no other test refuses, before and after; the series exists from the start, so a missing
/// one fails rather than reading as 0.
/// </summary>
internal static class RefusalSeries
{
    public static double Of(string page, string service, string method, string limit) =>
        PromQl.Value(page, $"dvc_grpc_refusals_total{{grpc_service=\"{service}\",grpc_method=\"{method}\",reason=\"OVERLOADED\",limit=\"{limit}\"}}")
        ?? throw new Xunit.Sdk.XunitException($"no OVERLOADED/{limit} series for {service}/{method} on the page");

    public static async Task<string> Scrape(int metricsPort)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
    }
}
