using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace DvcGrains.Driver;

/// <summary>
/// Files dossiers in person across the given units from a fixed number of concurrent workers (a closed model), each
/// optionally taken to RETURNED, spreading the dossiers over the servers in turn. Bounded in count and in time.
/// </summary>
public sealed class Campaign(IReadOnlyList<GrpcChannel> channels, DriverOptions options, LatencyBook latency)
{
    private readonly Dossiers.DossiersClient[] _servers = [.. channels.Select(c => new Dossiers.DossiersClient(c))];
    private readonly ConcurrentDictionary<StatusCode, long> _failures = new();

    public IReadOnlyDictionary<StatusCode, long> Failures => _failures;

    public async Task<(int Filed, TimeSpan Elapsed)> Run(IReadOnlyList<string> units, string procedureCode)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var next = -1;
        var filed = 0;
        var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int i;
            while (clock.Elapsed < options.MaxDuration && (i = Interlocked.Increment(ref next)) < options.Dossiers)
            {
                if (await File(_servers[i % _servers.Length], $"LD-{run}-{i:D7}", units[i % units.Count], procedureCode))
                {
                    Interlocked.Increment(ref filed);
                }
            }
        });
        await Task.WhenAll(workers);
        return (filed, clock.Elapsed);
    }

    private async Task<bool> File(Dossiers.DossiersClient dossiers, string dossierId, string unit, string procedureCode)
    {
        try
        {
            await latency.Time("Submit", () => dossiers.SubmitAsync(new SubmitRequest
            {
                Meta = Meta(dossierId), UnitCode = unit, ProcedureCode = procedureCode, Channel = Channel.InPerson,
                Components = { new Component { Name = "Tờ khai", Digitized = true } },
            }).ResponseAsync);
            if (options.Lifecycle)
            {
                await latency.Time("StartProcessing", () => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(dossierId) }).ResponseAsync);
                await latency.Time("FinishProcessing", () => dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(dossierId), ResultCode = "KQ", ElectronicResult = true }).ResponseAsync);
                await latency.Time("ReturnResult", () => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(dossierId) }).ResponseAsync);
            }
            return true;
        }
        catch (RpcException e)
        {
            _failures.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            return false;
        }
    }

    private static CommandMeta Meta(string dossierId) => new() { RequestId = Guid.NewGuid().ToString("N"), DossierId = dossierId, Actor = "driver" };
}
