using DvcGrains.Domain.Units;
using DvcGrains.Grains.Dossiers.Changes;
using DvcGrains.Grains.Kpis;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// <c>Dossiers.WatchChanges</c>: the changes of a unit's subtree in feed order, from a position or from now, for as long
/// as the client reads, its token is valid and the server runs. A stream ends with a status that says why and how to go
/// on: a reader that fell behind, or stopped reading, reconnects with the last position it received.
/// </summary>
public sealed class DossierChangeStreams(
    ChangeFeedHub hub, IDossierChangeLog log, UnitHierarchy units, KpiUnits kpiUnits, IOptions<ChangeFeedOptions> options, TimeProvider clock)
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
            throw DvcErrors.InvalidArgument("after and from_now exclude each other: give after to continue where a stream left off, or from_now to start now.");
        }
        caller.RequireUnit(unit.Code, "The changes asked for");
        var cursor = after is { } position ? new ChangeCursor(position)
            : request.FromNow ? await log.Now(context.CancellationToken)
            : ChangeCursor.FromStart;
        // The headers tell the client the stream is open: from_now counts from here.
        await context.WriteResponseHeadersAsync([]);

        using var expiry = caller.TokenValidUntil is { } until
            ? new CancellationTokenSource(until - clock.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero, clock)
            : new CancellationTokenSource();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, expiry.Token);
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(reading.Token);
        try
        {
            await foreach (var change in hub.Follow(cursor, kpiUnits.ScopeOf(unit.Code), reading.Token))
            {
                writing.CancelAfter(options.Value.StalledWriteTimeout);
                await stream.WriteAsync(change.ToProto(ChangePositionText.Of(change.Position), clock.GetUtcNow()), writing.Token);
                writing.TryReset();
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left: the stream ends without an error.
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            throw DvcErrors.Unauthenticated($"The token expired at {caller.TokenValidUntil:u} while the stream was open; get a new one, then {Resume}.");
        }
        catch (OperationCanceledException) when (writing.IsCancellationRequested && !reading.IsCancellationRequested)
        {
            throw DvcErrors.Overloaded(
                $"The client took no change for {options.Value.StalledWriteTimeout.TotalSeconds:0} s, so the stream was ended; {Resume}.");
        }
        catch (OperationCanceledException) when (hub.Stopping)
        {
            throw DvcErrors.Unavailable($"The server is stopping; {Resume}, to this server or another.");
        }
        catch (ChangeFeedLappedException e)
        {
            throw DvcErrors.Overloaded(
                $"The client fell more than {e.BufferedChanges} changes behind the live feed, so the stream was ended; {Resume}: " +
                "the server then reads the changes it missed from storage, at the client's pace.");
        }
    }
}
