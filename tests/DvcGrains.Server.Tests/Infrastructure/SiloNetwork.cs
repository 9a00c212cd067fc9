using System.Diagnostics;
using System.Globalization;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// A network of its own for a cluster on one machine, without Docker: each silo in a network namespace with one end of
/// a veth pair, the other ends on a bridge whose address (<see cref="Gateway"/>) is where this process and PostgreSQL
/// are reached. A partition is a packet filter inside one silo's namespace that drops what it exchanges with the other
/// silos, not with the gateway. Needs root, iproute2 and nftables; everything it creates it deletes, also when a test fails
/// (and a namespace takes its filter and veth pair with it).
/// </summary>
public sealed class SiloNetwork : IAsyncDisposable
{
    private const string PartitionTable = "dvcpartition";
    private readonly string _name = Guid.NewGuid().ToString("N")[..6];
    private readonly string _subnet;
    private readonly List<string> _namespaces = [];
    private bool _bridged;

    private SiloNetwork(string subnet)
    {
        _subnet = subnet;
    }

    /// <summary>This process's and PostgreSQL's address on the network.</summary>
    public string Gateway => $"{_subnet}.1";

    private string Bridge => $"dvb{_name}";

    /// <summary>A network for <paramref name="silos"/> silos; fails, saying why, without root or the tools.</summary>
    public static async Task<SiloNetwork> Create(int silos)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The partition test builds network namespaces and packet filters, which needs root; run the tests as root (.ci/run does).");
        }
        foreach (var tool in (string[])["ip", "nft"])
        {
            if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).Any(directory => File.Exists(Path.Combine(directory, tool))))
            {
                throw new InvalidOperationException(
                    $"The partition test needs `{tool}`, which is not installed: `sudo apt-get install -y iproute2 nftables` (Debian/Ubuntu); .ci/run does.");
            }
        }
        var network = new SiloNetwork(await FreeSubnet());
        try
        {
            await network.Build(silos);
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
        return network;
    }

    /// <summary>How silo <paramref name="silo"/> (from 0) starts: in its namespace, at its address.</summary>
    public ProcessLaunch Launch(int silo) => new()
    {
        Wrapper = ["ip", "netns", "exec", _namespaces[silo]],
        Host = AddressOf(silo),
    };

    /// <summary>Cuts silo <paramref name="silo"/> off from the other silos; the gateway (PostgreSQL, this process) it still reaches.</summary>
    public Task CutOff(int silo) => Run("ip", ["netns", "exec", _namespaces[silo], "nft", "-f", "-"], $$"""
        table inet {{PartitionTable}} {
            chain input { type filter hook input priority 0; ip saddr {{_subnet}}.0/24 ip saddr != {{Gateway}} drop; }
            chain output { type filter hook output priority 0; ip daddr {{_subnet}}.0/24 ip daddr != {{Gateway}} drop; }
        }
        """);

    public Task Heal(int silo) => Run("ip", ["netns", "exec", _namespaces[silo], "nft", "delete", "table", "inet", PartitionTable]);

    public async ValueTask DisposeAsync()
    {
        var failures = new List<string>();
        foreach (var name in _namespaces)
        {
            await Attempt(failures, "ip", ["netns", "delete", name]);
        }
        if (_bridged)
        {
            await Attempt(failures, "ip", ["link", "delete", Bridge]);
        }
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Could not delete all of the test's network: {string.Join("; ", failures)}");
        }
    }

    private string AddressOf(int silo) => $"{_subnet}.{10 + silo}";

    private async Task Build(int silos)
    {
        await Run("ip", ["link", "add", Bridge, "type", "bridge"]);
        _bridged = true;
        await Run("ip", ["addr", "add", $"{Gateway}/24", "dev", Bridge]);
        await Run("ip", ["link", "set", Bridge, "up"]);
        for (var silo = 0; silo < silos; silo++)
        {
            var name = $"dvcnet-{_name}-{silo}";
            await Run("ip", ["netns", "add", name]);
            _namespaces.Add(name);
            var outside = $"dvv{_name}{silo}";
            var inside = $"dvi{_name}{silo}";
            await Run("ip", ["link", "add", outside, "type", "veth", "peer", "name", inside, "netns", name]);
            await Run("ip", ["link", "set", outside, "master", Bridge, "up"]);
            await Run("ip", ["-n", name, "addr", "add", $"{AddressOf(silo)}/24", "dev", inside]);
            await Run("ip", ["-n", name, "link", "set", inside, "up"]);
            await Run("ip", ["-n", name, "link", "set", "lo", "up"]);
        }
    }

    /// <summary>A 10.x.y.0/24 that no interface of this machine has an address in.</summary>
    private static async Task<string> FreeSubnet()
    {
        var addresses = await Run("ip", ["-4", "-o", "addr", "show"]);
        for (var attempt = 0; ; attempt++)
        {
            var subnet = string.Create(CultureInfo.InvariantCulture, $"10.{Random.Shared.Next(200, 250)}.{Random.Shared.Next(0, 256)}");
            if (!addresses.Contains($" {subnet}.", StringComparison.Ordinal))
            {
                return subnet;
            }
            if (attempt > 100)
            {
                throw new InvalidOperationException("No free 10.x.y.0/24 subnet for the test's network.");
            }
        }
    }

    private static async Task Attempt(List<string> failures, string program, string[] arguments)
    {
        try
        {
            await Run(program, arguments);
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }
    }

    private static async Task<string> Run(string program, string[] arguments, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }
        return await output;
    }
}
