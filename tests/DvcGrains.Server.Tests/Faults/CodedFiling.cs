using System.Collections.Concurrent;
using DvcGrains.Api.V1;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Dossiers filed as a portal files them, by a few workers at once: a code from AllocateCode, Submit, StartProcessing,
/// and every other one FinishProcessing. Each request is built once and sent again unchanged (same request id) when the
/// server answers UNAVAILABLE or the deadline passes. Every code handed out and every acknowledged command is recorded.
/// </summary>
internal sealed class CodedFiling(IReadOnlyList<string> communes, string procedure)
{
    private const int MaxAttempts = 100;

    public ConcurrentBag<string> Codes { get; } = [];

    public ConcurrentBag<(string DossierId, long Version)> Acknowledged { get; } = [];

    /// <summary>Files <paramref name="count"/> dossiers through <paramref name="server"/>, <paramref name="workers"/> at a time.</summary>
    public async Task File(Func<Dossiers.DossiersClient> server, int count, int workers)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var unit = communes[i % communes.Count];
                var id = (await Retried(() => server().AllocateCodeAsync(new AllocateCodeRequest { UnitCode = unit }, deadline: Deadline()))).DossierId;
                Codes.Add(id);
                await Send(server, new SubmitRequest { Meta = Meta(id), UnitCode = unit, ProcedureCode = procedure, Channel = Channel.InPerson },
                    (client, request) => client.SubmitAsync(request, deadline: Deadline()));
                await Send(server, new StartProcessingRequest { Meta = Meta(id) }, (client, request) => client.StartProcessingAsync(request, deadline: Deadline()));
                if (i % 2 == 0)
                {
                    await Send(server, new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" },
                        (client, request) => client.FinishProcessingAsync(request, deadline: Deadline()));
                }
            }
        })));
    }

    private async Task Send<TRequest>(Func<Dossiers.DossiersClient> server, TRequest request, Func<Dossiers.DossiersClient, TRequest, AsyncUnaryCall<DossierReply>> call)
    {
        var reply = await Retried(() => call(server(), request));
        Acknowledged.Add((reply.Dossier.DossierId, reply.Dossier.Version));
    }

    private static async Task<T> Retried<T>(Func<AsyncUnaryCall<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (attempt < MaxAttempts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt, 10)));
            }
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);
}
