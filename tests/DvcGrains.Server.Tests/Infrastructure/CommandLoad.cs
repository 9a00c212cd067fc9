using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// Dossiers started at a steady pace by a few workers, each command to the next silo in turn and without a time of its
/// own (the server stamps it): each dossier submitted in person, taken into processing, and every third one finished.
/// Every acknowledged reply is recorded, and every refusal.
/// </summary>
public sealed class CommandLoad(Silos cluster, string procedure, IReadOnlyList<string> communes)
{
    public ConcurrentBag<(string DossierId, long Version, string Command)> Acknowledged { get; } = [];
    public ConcurrentBag<string> Failures { get; } = [];
    public ConcurrentBag<string> DossierIds { get; } = [];
    public int Retries => cluster.Retries;

    /// <summary>The dossiers whose commands have all been acknowledged.</summary>
    public int Completed => _completed;

    private int _completed;

    /// <summary>A new dossier every <paramref name="spacing"/>, until <paramref name="dossierCount"/> have started or <paramref name="stop"/>.</summary>
    public async Task Run(int dossierCount, int workers, TimeSpan spacing, CancellationToken stop = default)
    {
        var start = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < dossierCount && !stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                var due = spacing * i - start.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, CancellationToken.None);
                }
                await Process(i);
            }
        }, CancellationToken.None)));
    }

    private async Task Process(int i)
    {
        var id = NewDossierId();
        DossierIds.Add(id);
        // Each request, and so its request id, is built once and sent again unchanged after a failure.
        var submit = new SubmitRequest { Meta = Meta(id), UnitCode = communes[i % communes.Count], ProcedureCode = procedure, Channel = Channel.InPerson };
        var startProcessing = new StartProcessingRequest { Meta = Meta(id) };
        var finish = new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" };
        try
        {
            await Send(id, "Submit", client => client.SubmitAsync(submit, deadline: Silos.Deadline()));
            await Send(id, "StartProcessing", client => client.StartProcessingAsync(startProcessing, deadline: Silos.Deadline()));
            if (i % 3 == 0)
            {
                await Send(id, "FinishProcessing", client => client.FinishProcessingAsync(finish, deadline: Silos.Deadline()));
            }
            Interlocked.Increment(ref _completed);
        }
        catch (RpcException e)
        {
            Failures.Add($"dossier {id}: {e.StatusCode} {e.Reason()} {e.Status.Detail}");
        }
    }

    private async Task Send(string dossierId, string command, Func<Dossiers.DossiersClient, AsyncUnaryCall<DossierReply>> call)
    {
        var reply = await cluster.Call(silo => call(new Dossiers.DossiersClient(silo.Channel)));
        Acknowledged.Add((dossierId, reply.Dossier.Version, command));
    }
}
