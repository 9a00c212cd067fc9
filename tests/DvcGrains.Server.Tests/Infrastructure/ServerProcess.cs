using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using DvcGrains.Server.Hosting;
using Grpc.Net.Client;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The server as its own operating-system process, as an operator runs it: started from the built assembly, ready
/// when /health/ready says so, stopped with SIGTERM (graceful) or SIGKILL (a crash).
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly int[] _ports;
    private readonly string[] _args;
    private readonly ProcessLaunch _launch;

    /// <summary>gRPC, metrics, silo and web.</summary>
    private const int PortCount = 4;

    /// <summary>A silo starts in seconds; on a machine busy with other builds and tests it has taken over a minute.</summary>
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(2);

    private ServerProcess(Process process, int[] ports, string[] args, ProcessLaunch launch)
    {
        _process = process;
        _ports = ports;
        _args = args;
        _launch = launch;
        GrpcPort = ports[0];
        MetricsPort = ports[1];
        Channel = GrpcChannel.ForAddress($"http://{Host}:{GrpcPort}");
    }

    /// <summary>The address the server serves and its silo is reached at.</summary>
    public string Host => _launch.Host;

    public int GrpcPort { get; }
    public int MetricsPort { get; }
    public int SiloPort => _ports[2];
    public int WebPort => _ports[3];
    public GrpcChannel Channel { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Membership that declares a lost silo dead within a few seconds instead of Orleans' default of about half a
    /// minute, and quiet logs: what a fault test's silos run with.
    /// </summary>
    public static readonly string[] FaultTestArguments =
    [
        "--Logging:LogLevel:Default", "Warning",
        "--Orleans:Membership:ProbeTimeout", "00:00:01",
        "--Orleans:Membership:NumMissedProbesLimit", "2",
        "--Orleans:Membership:TableRefreshTimeout", "00:00:02",
    ];

    /// <summary>A server on free ports; arguments given later override earlier ones, e.g. <c>--Orleans:ClusterId</c>.</summary>
    public static Task<ServerProcess> Start(params string[] args) => Start(new ProcessLaunch(), args);

    /// <summary>A server on free ports with environment variables of its own, e.g. the standard <c>OTEL_*</c>.</summary>
    public static Task<ServerProcess> Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(new ProcessLaunch { Environment = environment }, args);

    /// <summary>A server on free ports, started as <paramref name="launch"/> says (its environment, a wrapper, its address).</summary>
    public static Task<ServerProcess> Start(ProcessLaunch launch, params string[] args) =>
        FreePorts.StartOn(PortCount, ports => StartOn(ports, args, launch));

    /// <summary>
    /// Servers started together, e.g. the silos of a cluster; when one does not start, the others are stopped before
    /// the failure is thrown.
    /// </summary>
    public static async Task<ServerProcess[]> StartAll(params Task<ServerProcess>[] starts)
    {
        try
        {
            return await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var started in starts.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>
    /// A new process with the same ports, arguments and launch, as a process manager restarts a server: the same
    /// addresses and, with the same <c>--Orleans:ClusterId</c>, the same cluster. The previous process must have exited.
    /// </summary>
    public Task<ServerProcess> Restart() => StartOn(_ports, _args, _launch);

    /// <summary>A server that is expected to refuse to start: launched, and left to exit by itself.</summary>
    public static Task<ServerProcess> StartRefused(TimeSpan timeout, params string[] args) =>
        Exited(Launch(FreePorts.Take(PortCount), args, new ProcessLaunch()), timeout);

    /// <summary>
    /// The server's process with exactly <paramref name="args"/> on its command line, none of the test's ports: a
    /// command, or a question, that exits by itself within <paramref name="timeout"/>.
    /// </summary>
    public static Task<ServerProcess> RunAlone(TimeSpan timeout, params string[] args) =>
        Exited(Launch(args, new int[PortCount], args, new ProcessLaunch()), timeout);

    /// <summary><paramref name="server"/> once it has exited; killed when it has not within <paramref name="timeout"/>.</summary>
    private static async Task<ServerProcess> Exited(ServerProcess server, TimeSpan timeout)
    {
        try
        {
            await server.WaitForExit(timeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The server on <paramref name="ports"/> (gRPC, metrics, silo, web), once it is ready; a server that is not is
    /// stopped before the failure is thrown.
    /// </summary>
    internal static async Task<ServerProcess> StartOn(int[] ports, string[] args, ProcessLaunch launch)
    {
        var running = Launch(ports, args, launch);
        try
        {
            await running.WaitUntilReady(ReadyWithin);
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    private static ServerProcess Launch(int[] ports, string[] args, ProcessLaunch launch) => Launch(
        [
            "--urls", $"http://{launch.Host}:{ports[0]}",
            "--Dvc:MetricsPort", Text(ports[1]),
            "--Dvc:MetricsAddress", launch.Host,
            "--Orleans:SiloPort", Text(ports[2]),
            "--Orleans:AdvertisedAddress", launch.Host,
            "--Dvc:Web:Urls", $"http://{launch.Host}:{ports[3]}",
            "--Orleans:ClusterId", $"proc-{Guid.NewGuid():N}",
            .. args,
        ],
        ports, args, launch);

    private static ServerProcess Launch(IEnumerable<string> commandLine, int[] ports, string[] args, ProcessLaunch launch)
    {
        var server = typeof(DvcServer).Assembly.Location;
        var start = new ProcessStartInfo(launch.Wrapper.Count > 0 ? launch.Wrapper[0] : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(server)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }
        IEnumerable<string> wrapped = launch.Wrapper.Count > 0 ? [.. launch.Wrapper.Skip(1), "dotnet"] : [];
        foreach (var arg in wrapped.Append(server).Concat(commandLine))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var running = new ServerProcess(process, ports, args, launch);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>One series of the server's /metrics page, e.g. <c>dvc_grpc_calls_in_flight</c>; null when the page lacks it.</summary>
    public async Task<double?> Metric(string series)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return PromQl.Value(await http.GetStringAsync($"http://{Host}:{MetricsPort}/metrics"), series);
    }

    /// <summary>How long the process has run.</summary>
    public TimeSpan RunningFor => DateTime.Now - _process.StartTime;

    /// <summary>The process's resident memory now (<c>VmRSS</c> of <c>/proc/PID/status</c>), in bytes.</summary>
    public long ResidentBytes() => ProcStatus("VmRSS");

    /// <summary>The most the process has been resident since it started or <see cref="ResetPeakResident"/> (<c>VmHWM</c>), in bytes.</summary>
    public long PeakResidentBytes() => ProcStatus("VmHWM");

    /// <summary>Starts the peak of <see cref="PeakResidentBytes"/> again from what is resident now (Linux 4.0 and later).</summary>
    public void ResetPeakResident() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    private long ProcStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith($"{field}:", StringComparison.Ordinal));
        // "VmRSS:	  123456 kB"
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async Task<bool> IsReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync($"http://{Host}:{MetricsPort}/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Asks the server to stop, as a process manager does.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>Stops the process where it is (SIGSTOP), as a long pause or a partition looks to its peers.</summary>
    public void Freeze() => Signal(SigStop);

    /// <summary>Lets a frozen process go on (SIGCONT).</summary>
    public void Thaw() => Signal(SigCont);

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed ({Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Kills the server on the spot (SIGKILL): a crash.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        DeleteWhatItLeaves();
    }

    public async Task WaitForExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        DeleteWhatItLeaves();
        _process.Dispose();
    }

    /// <summary>Unlinking a file the process may still map is harmless: the mapping lasts until it exits.</summary>
    private void DeleteWhatItLeaves()
    {
        foreach (var path in _launch.LeavesBehind(_process.Id))
        {
            File.Delete(path);
        }
    }

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsReady())
        {
            if (_process.HasExited)
            {
                // Its output is read to the end once it has exited: its last words name a port it could not bind.
                await _process.WaitForExitAsync();
                throw FreePorts.NotStarted($"The server did not become ready: it exited with {_process.ExitCode}.\n{Output}", Output);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The server did not become ready within {timeout.TotalSeconds:0} s.\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
