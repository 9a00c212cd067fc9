using System.Net;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Hosting;

/// <summary>Refuses at start an <c>Orleans</c> section with which the silo could not listen or join its cluster.</summary>
public sealed class OrleansOptionsValidation : IValidateOptions<OrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            problems.Add($"{OrleansOptions.Section}:ClusterId must name the cluster the silos share; it is empty");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            problems.Add($"{OrleansOptions.Section}:ServiceId must name the service whose grain state the silos share; it is empty");
        }
        if (options.SiloPort is < 1 or > IPEndPoint.MaxPort)
        {
            problems.Add($"{OrleansOptions.Section}:SiloPort must be a TCP port (1 to {IPEndPoint.MaxPort}), not {options.SiloPort}");
        }
        if (options.GatewayPort is < 0 or > IPEndPoint.MaxPort)
        {
            problems.Add($"{OrleansOptions.Section}:GatewayPort must be a TCP port (1 to {IPEndPoint.MaxPort}) or 0 to keep the gateway closed, not {options.GatewayPort}");
        }
        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            problems.Add($"{OrleansOptions.Section}:AdvertisedAddress must be the IP address other silos reach this one at, not '{options.AdvertisedAddress}'");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
