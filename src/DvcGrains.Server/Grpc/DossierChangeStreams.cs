using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// <c>Dossiers.WatchChanges</c>: the changes of a unit's subtree in feed order, from a position or from now, for as long
/// as the client reads, its token is valid and the server runs. A stream ends with a status that says why and how to go
/// on: a reader that fell behind, or stopped reading, reconnects with the last position it received.
/// </summary>
public sealed class DossierChangeStreams(
    IChangeFeed hub, IDossierChangeLog log, UnitHierarchy units, KpiUnits kpiUnits, IOptions<ChangeFeedOptions> options, TimeProvider clock)
{
    private const string Resume = "reconnect with after = the position of the last change received";

    public async Task Watch(V1.WatchChangesRequest request, IServerStreamWriter<V1.DossierChange> stream, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersRead, context.Method);
        var unit = units.RequireCounted(request.UnitCode, "unit_code");
        ChangePosition? after = request.After.Length > 0 ? ChangePositionText.Parse(request.After, "after") : null;
        if (after is not null && request.FromNow)
        {
            throw DvcErrors.InvalidArgument("from_now", "after and from_now exclude each other: give after to continue where a stream left off, or from_now to start now.");
        }
        caller.RequireUnit(unit.Code, "The changes asked for");
        var cursor = after is { } position ? new ChangeCursor(position)
            : request.FromNow ? await log.Now(context.CancellationToken)
            : ChangeCursor.FromStart;
        // The headers tell the client the stream is open: from_now counts from here.
        await context.WriteResponseHeadersAsync([]);

        using var lifetime = StreamLifetime.Of(context, clock);
        try
        {
            await foreach (var change in hub.Follow(cursor, kpiUnits.ScopeOf(unit.Code), lifetime.Token))
            {
                var write = stream.WriteAsync(change.ToProto(ChangePositionText.Of(change.Position), clock.GetUtcNow()), lifetime.Token);
                if (!await CompletesWithin(write, options.Value.StalledWriteTimeout))
                {
                    EndStalled(context);
                    await write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left: the stream ends without an error.
        }
        catch (OperationCanceledException) when (lifetime.TokenExpired)
        {
            throw lifetime.Expired(Resume);
        }
        catch (OperationCanceledException) when (hub.Stopping)
        {
            throw DvcErrors.Unavailable($"The server is stopping; {Resume}, to this server or another.");
        }
        catch (FeedResetException e)
        {
            throw DvcErrors.FeedReset(
                $"The position {ChangePositionText.Of(e.Position)} is not of the database's history as it stands: {e.Message} " +
                ChangePositionText.FeedResetAdvice);
        }
        catch (ChangeFeedLappedException e)
        {
            throw DvcErrors.Overloaded(
                $"The client fell more than {e.BufferedChanges} changes behind the live feed, so the stream was ended; {Resume}: " +
                "the server then reads the changes it missed from storage, at the client's pace.");
        }
    }

    private async Task<bool> CompletesWithin(Task write, TimeSpan timeout)
    {
        if (write.IsCompleted)
        {
            await write;
            return true;
        }
        try
        {
            await write.WaitAsync(timeout, clock);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// A client that takes nothing cannot read a status either: its stream is reset with ENHANCE_YOUR_CALM, which gRPC
    /// clients report as RESOURCE_EXHAUSTED, and it reconnects with the last position it received.
    /// </summary>
    private static void EndStalled(ServerCallContext context)
    {
        const int EnhanceYourCalm = 0xb;
        context.GetHttpContext().Features.Get<IHttpResetFeature>()?.Reset(EnhanceYourCalm);
    }
}
