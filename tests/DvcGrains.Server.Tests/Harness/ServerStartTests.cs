using System.Net;
using System.Net.Sockets;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Harness;

/// <summary>
/// A test's server on a busy machine: a port it was given may be taken before it binds it, and then it starts again on
/// new ports; a start that fails leaves nothing running, also when several servers start together.
/// </summary>
public sealed class ServerStartTests
{
    private const int SiloPort = 2;
    private const int WebPort = 3;

    [Fact]
    public async Task A_server_process_whose_silo_port_was_taken_starts_again_on_new_ports()
    {
        using var taken = Hold(out var takenPort);
        var cluster = $"taken-{Guid.NewGuid():N}";
        var attempts = new List<int[]>();

        await using var server = await FreePorts.StartOn(4, ports =>
        {
            attempts.Add(attempts.Count == 0 ? [ports[0], ports[1], takenPort, ports[3]] : ports);
            return ServerProcess.StartOn(attempts[^1], ["--Orleans:ClusterId", cluster], new Dictionary<string, string>());
        });

        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[1][SiloPort], server.SiloPort);
        Assert.True(await server.IsReady());
        Assert.Equal(1, ProcessesWith(cluster));
    }

    [Fact]
    public async Task An_in_process_server_whose_web_port_was_taken_stops_its_silo_and_starts_again_on_new_ports()
    {
        using var taken = Hold(out var takenPort);
        var attempts = new List<int[]>();
        var server = new RunningServer([], takePorts: count =>
        {
            var ports = FreePorts.Take(count);
            attempts.Add(attempts.Count == 0 ? [ports[0], ports[1], ports[2], takenPort] : ports);
            return attempts[^1];
        });
        try
        {
            await server.InitializeAsync();

            Assert.Equal(2, attempts.Count);
            Assert.Equal(attempts[1][WebPort], server.WebPort);
            Assert.Equal("01", (await server.Catalog.GetUnitAsync(new Api.V1.GetUnitRequest { Code = "01" })).Code);
            // The first attempt's silo had started before Kestrel found its web port taken: it was stopped.
            using var firstSilo = new TcpListener(IPAddress.Loopback, attempts[0][SiloPort]);
            firstSilo.Start();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_one_of_servers_started_together_does_not_start_the_others_are_stopped()
    {
        var cluster = $"half-{Guid.NewGuid():N}";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAll(
            ServerProcess.Start("--Orleans:ClusterId", cluster),
            ServerProcess.Start("--Orleans:ClusterId", cluster, "--Dvc:LoadShedding:MaxConcurrentCalls", "many")));

        Assert.Contains("did not become ready", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, ProcessesWith(cluster));
    }

    private static TcpListener Hold(out int port)
    {
        port = FreePorts.Take(1)[0];
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }

    /// <summary>Processes of this machine whose command line names <paramref name="marker"/>.</summary>
    private static int ProcessesWith(string marker) => Directory.EnumerateDirectories("/proc")
        .Where(directory => int.TryParse(Path.GetFileName(directory), out _))
        .Count(directory =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(marker, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        });
}
