using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Lookup;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Security;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// <c>Dossiers.Lookup</c>, a citizen's look-up by the codes of the receipt, open to anyone (decision 28). Until the
/// code proves right the call does the same work whatever it was given: it takes a guess from the client's budget,
/// reads the dossier's look-up code by its primary key (a code for no dossier is compared with one no one can type)
/// and compares in constant time; a wrong code and a dossier that does not exist get the same refusal. Only a right
/// code gives the guess back and reads the dossier's events. The look-up code goes nowhere but the comparison: into
/// no message, log line, trace attribute or grain call.
/// </summary>
public sealed class DossierLookups(
    IDossierQueries queries, IDossierStore store, UnitHierarchy units, IProcedureDirectory procedures, LookupGuesses guesses, ClientAddress clients,
    ReadAudit audit, TimeProvider clock)
{
    public async Task<V1.DossierLookup> Lookup(V1.LookupRequest request, ServerCallContext context)
    {
        if (DossierCode.Problem(request.DossierId) is { } problem)
        {
            throw DvcErrors.InvalidArgument("dossier_id", EdgeMessages.FieldProblem.With("dossier_id", problem));
        }
        var client = clients.KeyOf(context.GetHttpContext());
        if (!guesses.TryTake(client, out var retryAfter))
        {
            throw RefusalLimit.Refused(context, RefusalLimit.LookupGuesses, DvcErrors.Overloaded(EdgeMessages.LookupGuessesSpent.With(Minutes(retryAfter)), retryAfter));
        }
        string? stored;
        try
        {
            stored = await queries.LookupCodeOf(request.DossierId, context.CancellationToken);
        }
        catch
        {
            // Storage failed: no guess was judged.
            guesses.GiveBack(client);
            throw;
        }
        var found = LookupCode.Matches(stored, request.LookupCode);
        audit.Note(context, context.Caller(), request.DossierId, query: null, returned: found ? 1 : 0);
        if (!found)
        {
            throw DvcErrors.Rejected(RejectionReason.DossierNotFound, EdgeMessages.LookupNotFound.With(request.DossierId));
        }
        guesses.GiveBack(client);
        var events = await store.Load(request.DossierId, context.CancellationToken);
        var lookup = DossierLookup.Of([.. events.Select(recorded => recorded.Event)], clock.GetUtcNow());
        return lookup.ToProto(units.Find(lookup.UnitCode), procedures.Find(lookup.ProcedureCode));
    }

    private static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
}
