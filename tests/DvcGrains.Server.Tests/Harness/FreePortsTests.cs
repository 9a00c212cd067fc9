using System.Globalization;

namespace DvcGrains.Server.Tests.Harness;

/// <summary>
/// The ports a test's server is given: outgoing connections take their local ports from the kernel's ephemeral range,
/// so a port chosen there may be gone by the time the server binds it, or when the server is restarted on it.
/// </summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_come_from_outside_the_ephemeral_range_and_are_never_handed_out_twice()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(bound => int.Parse(bound, CultureInfo.InvariantCulture))
            .ToArray();

        var ports = Enumerable.Range(0, 50).SelectMany(_ => FreePorts.Take(4)).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.False(port >= range[0] && port <= range[1], $"{port} is in the ephemeral range {range[0]}-{range[1]}"));
    }
}
