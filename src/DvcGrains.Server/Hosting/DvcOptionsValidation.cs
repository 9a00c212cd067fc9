using System.Net;
using DvcGrains.Domain.Units;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Hosting;

/// <summary>Refuses at start a <c>Dvc</c> section the server could not run with, naming each faulty key.</summary>
public sealed class DvcOptionsValidation : IValidateOptions<DvcOptions>
{
    public ValidateOptionsResult Validate(string? name, DvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (!HierarchyEdition.All.Any(edition => edition.Name == options.Hierarchy))
        {
            problems.Add($"{DvcOptions.Section}:Hierarchy must be one of {string.Join(", ", HierarchyEdition.All.Select(edition => edition.Name))}, not '{options.Hierarchy}'");
        }
        if (options.MetricsPort is < 0 or > IPEndPoint.MaxPort)
        {
            problems.Add($"{DvcOptions.Section}:MetricsPort must be a TCP port (1 to {IPEndPoint.MaxPort}) or 0 to turn /metrics and /health off, not {options.MetricsPort}");
        }
        if (!IPAddress.TryParse(options.MetricsAddress, out _))
        {
            problems.Add($"{DvcOptions.Section}:MetricsAddress must be an IP address (127.0.0.1, or 0.0.0.0 to let a remote Prometheus scrape), not '{options.MetricsAddress}'");
        }
        if (options.ProvinceMetricsInterval < TimeSpan.Zero)
        {
            problems.Add($"{DvcOptions.Section}:ProvinceMetricsInterval must be positive, or 0 to turn the province gauges off, not {options.ProvinceMetricsInterval}");
        }
        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{DvcOptions.Section}:ShutdownTimeout must be positive (and below the container's grace period), not {options.ShutdownTimeout}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
