using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// Dossiers started at a steady pace by a few workers, as several portals send them, each command to the next silo in
/// turn and without a time of its own (the server stamps it): each submitted in person, taken into processing, and every
/// third one finished. Every acknowledged reply is recorded, with when it came and whether it was a replay, and every
/// refusal; a command that fails is sent again unchanged (the same request id) to the next silo.
/// </summary>
public sealed class CommandLoad(Silos silos, string procedure, IReadOnlyList<string> communes)
{
    public ConcurrentBag<Acknowledgement> Acknowledged { get; } = [];
    public ConcurrentBag<string> Failures { get; } = [];
    public ConcurrentBag<string> DossierIds { get; } = [];
    public int Retries => silos.Retries;

    /// <summary>Commands sent, each counted once however often it went again.</summary>
    public int Sent => _sent;

    /// <summary>The dossiers whose commands have all been acknowledged.</summary>
    public int Completed => _completed;

    private int _sent;
    private int _completed;

    /// <summary>Starts a dossier every <paramref name="spacing"/> until <paramref name="dossierCount"/> have started or <paramref name="stop"/>.</summary>
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

    /// <summary>The first command acknowledged at or after <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>), if any.</summary>
    public TimeSpan? FirstAcknowledgedAfter(long timestamp) =>
        Acknowledged.Where(a => a.Timestamp >= timestamp).Select(a => (TimeSpan?)Stopwatch.GetElapsedTime(timestamp, a.Timestamp)).Min();

    /// <summary>No dossier's commands failed; a failure is named whole (an assertion's listing of a collection is cut short).</summary>
    public void NoneFailed() => Assert.True(Failures.IsEmpty, $"{Failures.Count} dossiers failed:\n{string.Join('\n', Failures)}");

    /// <summary>
    /// Returns once <paramref name="count"/> more commands are acknowledged than now, or <paramref name="streaming"/> has
    /// ended: a point mid-load that a busy machine's slow start only delays.
    /// </summary>
    public Task<int> UntilAcknowledged(int count, Task streaming, double seconds)
    {
        var until = Acknowledged.Count + count;
        return Eventually.Read(() => Task.FromResult(Acknowledged.Count), acknowledged => acknowledged >= until || streaming.IsCompleted, seconds);
    }

    /// <summary>A fault proves something only while commands are acknowledged around it: some before, more to come.</summary>
    public void LandsMidLoad(Task streaming, string fault)
    {
        Assert.False(streaming.IsCompleted, $"the command stream ended before {fault}: the fault would fall on an idle cluster");
        Assert.False(Acknowledged.IsEmpty, $"no command was acknowledged before {fault}");
    }

    private async Task Process(int i)
    {
        var id = NewDossierId();
        DossierIds.Add(id);
        // Each request, and so its request id, is built once and sent again unchanged after a failure.
        var submit = new SubmitRequest { Meta = Meta(id), UnitCode = communes[i % communes.Count], ProcedureCode = procedure, Channel = Channel.InPerson };
        var startProcessing = new StartProcessingRequest { Meta = Meta(id) };
        var finish = new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" };
        var command = "Submit";
        try
        {
            await Send(id, command, client => client.SubmitAsync(submit, deadline: Silos.Deadline()));
            command = "StartProcessing";
            await Send(id, command, client => client.StartProcessingAsync(startProcessing, deadline: Silos.Deadline()));
            if (i % 3 == 0)
            {
                command = "FinishProcessing";
                await Send(id, command, client => client.FinishProcessingAsync(finish, deadline: Silos.Deadline()));
            }
            Interlocked.Increment(ref _completed);
        }
        catch (RpcException e)
        {
            Failures.Add($"dossier {id}, {command}: {e.StatusCode} {e.Reason()} {e.Status.Detail}");
        }
    }

    private async Task Send(string dossierId, string command, Func<Dossiers.DossiersClient, AsyncUnaryCall<DossierReply>> call)
    {
        Interlocked.Increment(ref _sent);
        var sent = Stopwatch.GetTimestamp();
        var reply = await silos.Call(silo => call(new Dossiers.DossiersClient(silo.Channel)));
        Acknowledged.Add(new Acknowledgement(dossierId, reply.Dossier.Version, command, reply.Replayed, sent, Stopwatch.GetTimestamp()));
    }
}

/// <summary>
/// One acknowledged command: the version it left its dossier at, whether the reply was a replay, when it was first
/// sent and when its reply came (<see cref="Stopwatch.GetTimestamp"/>).
/// </summary>
public sealed record Acknowledgement(string DossierId, long Version, string Command, bool Replayed, long Sent, long Timestamp);
