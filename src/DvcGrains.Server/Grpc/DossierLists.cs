using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// <c>Dossiers.List</c>: a page of the dossiers of a unit's subtree that match the filters, from the read model, which
/// commits with the events (every command acknowledged before the call is in it), and the sealed token of the next page.
/// A list reads in one of the server's slots for lists (<see cref="ListSlots"/>); one that storage stops at its bound is
/// RESOURCE_EXHAUSTED (LIST_TOO_SLOW), telling the caller how to narrow it.
/// </summary>
public sealed class DossierLists(
    IDossierQueries queries, ListRequestReader requests, ListSlots slots, ReadAudit audit, TimeProvider clock, IOptions<PageTokenOptions> options)
{
    public async Task<V1.ListDossiersReply> List(V1.ListDossiersRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersRead, context.Method);
        using var slot = slots.Take(caller.Subject, context);
        try
        {
            return await Page(request, caller, context);
        }
        catch (ListTooSlowException e)
        {
            throw DvcErrors.ListTooSlow(EdgeMessages.ListTooSlow.With(e.Bound.TotalSeconds));
        }
    }

    private async Task<V1.ListDossiersReply> Page(V1.ListDossiersRequest request, Caller caller, ServerCallContext context)
    {
        var keys = await queries.PageTokenKeys(reload: false, context.CancellationToken);
        if (PageTokens.KeyIdOf(request.PageToken) is { } keyId && !keys.ById.ContainsKey(keyId))
        {
            // Another silo has read a newer key already.
            keys = await queries.PageTokenKeys(reload: true, context.CancellationToken);
        }
        var tokens = new PageTokens(keys, caller.Subject, options.Value.Lifetime, clock.GetUtcNow());
        var (unit, query, filterDigest) = requests.Read(request, tokens);
        caller.RequireUnit(unit.Code, SecurityMessages.DossiersAskedFor.Alone());
        var page = await queries.List(query, context.CancellationToken);
        var reply = new V1.ListDossiersReply
        {
            NextPageToken = page.Next is { } next ? tokens.Seal(filterDigest, query.AsOf, next) : "",
        };
        var fields = DossierMapping.PersonalFieldsFor(caller);
        reply.Dossiers.AddRange(page.Dossiers.Select(dossier => dossier.ToProto(query.AsOf).ForRecipient(fields)));
        audit.Note(context, caller, dossierId: null, ReadAuditQueries.Of(request), reply.Dossiers.Count);
        return reply;
    }
}
