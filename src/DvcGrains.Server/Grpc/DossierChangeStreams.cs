using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// <c>Dossiers.WatchChanges</c>: the changes of a unit's subtree in feed order, from a position or from now, for as long
/// as the client reads, its token is valid and the server runs. A stream ends with a status that says why and how to go
/// on: a reader that fell behind, or stopped reading (<see cref="StalledWrites"/>), reconnects with the last position it received.
/// </summary>
public sealed class DossierChangeStreams(
    IChangeFeed hub, IDossierChangeLog log, UnitHierarchy units, KpiUnits kpiUnits, ReadAudit audit, IOptions<ChangeFeedOptions> options, TimeProvider clock)
{
    public async Task Watch(V1.WatchChangesRequest request, IServerStreamWriter<V1.DossierChange> stream, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersRead, context.Method);
        var unit = units.RequireCounted(request.UnitCode, "unit_code");
        ChangePosition? after = request.After.Length > 0 ? ChangePositionText.Parse(request.After, "after") : null;
        if (after is not null && request.FromNow)
        {
            throw DvcErrors.InvalidArgument("from_now", EdgeMessages.AfterAndFromNow.Alone());
        }
        caller.RequireUnit(unit.Code, SecurityMessages.ChangesAskedFor.Alone());
        var cursor = after is { } position ? new ChangeCursor(position)
            : request.FromNow ? await log.Now(context.CancellationToken)
            : ChangeCursor.FromStart;
        // The headers tell the client the stream is open: from_now counts from here.
        await context.WriteResponseHeadersAsync([]);

        var fields = DossierMapping.PersonalFieldsFor(caller);
        using var lifetime = StreamLifetime.Of(context, clock);
        var sent = 0;
        string? through = null;
        try
        {
            await foreach (var change in hub.Follow(cursor, kpiUnits.ScopeOf(unit.Code), lifetime.Token))
            {
                var message = change.ToProto(ChangePositionText.Of(change.Position), clock.GetUtcNow(), fields);
                if (!await StalledWrites.Write(stream, message, context, options.Value.StalledWriteTimeout, clock, lifetime.Token))
                {
                    return;
                }
                sent++;
                through = message.Position;
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left: the stream ends without an error.
        }
        catch (OperationCanceledException) when (lifetime.TokenExpired)
        {
            throw lifetime.Expired(EdgeMessages.ReconnectAfter.Alone());
        }
        catch (OperationCanceledException) when (hub.Stopping)
        {
            throw DvcErrors.Unavailable(EdgeMessages.ServerStopping.With(EdgeMessages.ReconnectAfter.Alone()));
        }
        catch (FeedResetException e)
        {
            throw DvcErrors.FeedReset(EdgeMessages.PositionOfAnotherHistory.With(
                ChangePositionText.Of(e.Position), e.Message, EdgeMessages.FeedResetAdvice.Alone()));
        }
        catch (ChangeFeedLappedException e)
        {
            throw DvcErrors.Overloaded(EdgeMessages.FellBehind.With(e.BufferedChanges, e.BufferedBytes / (1024 * 1024), EdgeMessages.ReconnectAfter.Alone()));
        }
        finally
        {
            // A stream is one read, noted when it ends: what it sent, from where through where.
            audit.Note(context, caller, dossierId: null, ReadAuditQueries.OfFeed(unit.Code, request.After, through), sent);
        }
    }
}
