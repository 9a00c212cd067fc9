using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DvcGrains.Api.V1;
using DvcGrains.Driver;
using DvcGrains.Server.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

WebApplication? server = null;
var targets = options.Targets;
if (options.InProcess)
{
    var ports = FreePorts(2);
    targets = [$"http://127.0.0.1:{ports[0]}"];
    // The driver is one caller standing for every portal: no per-caller rate limit.
    server = DvcServer.Build([
        "--urls", targets[0], "--Dvc:MetricsPort", "0",
        "--Orleans:SiloPort", ports[1].ToString(CultureInfo.InvariantCulture),
        "--Dvc:RateLimit:PerSecond", "0",
        "--Logging:LogLevel:Default", "Warning",
    ]);
    await server.StartAsync();
}

var channels = targets.Select(t => GrpcChannel.ForAddress(t)).ToList();
var channel = channels[0];
var catalog = new Catalog.CatalogClient(channel);
var kpis = new Kpis.KpisClient(channel);
var provinces = (await catalog.ListUnitsAsync(new ListUnitsRequest())).Units;
var communes = new List<string>();
foreach (var province in provinces)
{
    communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province.Code })).Units.Select(u => u.Code));
}
var procedure = (await catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures.First(p => p.ProcessingWorkingDays >= 5).Code;
Console.WriteLine($"targets {string.Join(", ", targets)}, {communes.Count} communes, procedure {procedure}, {options.Dossiers} dossiers, {options.Concurrency} in flight, at most {options.MaxDuration.TotalSeconds:0} s");

long heapEmpty = 0, heapUnits = 0;
if (options.MeasureMemory)
{
    heapEmpty = MemoryProbe.HeldBytes();
    foreach (var unit in communes.Concat(provinces.Select(p => p.Code)).Append("VN"))
    {
        await kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit });
    }
    heapUnits = MemoryProbe.HeldBytes();
}

var latency = new LatencyBook();
var campaign = new Campaign(channels, options, latency);
var (filed, elapsed) = await campaign.Run(communes, procedure);

Console.WriteLine();
Console.WriteLine(FormattableString.Invariant($"{filed} dossiers filed, {latency.TotalCalls} commands in {elapsed.TotalSeconds:0.0} s: {latency.TotalCalls / elapsed.TotalSeconds:0} commands/s"));
Console.WriteLine(latency.ToMarkdown());
foreach (var (code, count) in campaign.Failures)
{
    Console.WriteLine($"failed with {code}: {count}");
}

if (options.MeasureMemory && server is not null && filed > 0)
{
    var unitCount = communes.Count + provinces.Count + 1;
    var heapActive = MemoryProbe.HeldBytes();
    await server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    await Task.Delay(TimeSpan.FromSeconds(2));
    var heapIdle = MemoryProbe.HeldBytes();
    Console.WriteLine();
    Console.WriteLine("| memory (managed heap after full GC) | bytes |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(FormattableString.Invariant($"| server started, no unit active | {heapEmpty:N0} |"));
    Console.WriteLine(FormattableString.Invariant($"| per unit KPI grain, active, no dossier | {(heapUnits - heapEmpty) / unitCount:N0} |"));
    Console.WriteLine(FormattableString.Invariant($"| per dossier, grain active (state, grain, unit ledger entry, counters) | {(heapActive - heapUnits) / filed:N0} |"));
    Console.WriteLine(FormattableString.Invariant($"| per dossier, grain deactivated (stored state, unit ledger entry) | {(heapIdle - heapUnits) / filed:N0} |"));
    Console.WriteLine(FormattableString.Invariant($"| total with {filed} dossiers, idle | {heapIdle:N0} |"));
}

foreach (var metrics in options.MetricsUrls)
{
    Console.WriteLine($"{metrics}: {await ServerMemory.Read(metrics)}");
}

channels.ForEach(c => c.Dispose());
if (server is not null)
{
    await server.StopAsync();
}
return campaign.Failures.Count == 0 ? 0 : 1;

static int[] FreePorts(int count)
{
    var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
    listeners.ForEach(l => l.Start());
    var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
    listeners.ForEach(l => l.Stop());
    return ports;
}
