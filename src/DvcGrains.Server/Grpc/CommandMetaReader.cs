using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>A command's validated envelope fields: who, when, on which dossier, under which request id.</summary>
/// <param name="At">The business time the portal gave, or <see cref="DossierCommand.NoTime"/>: then the dossier's grain,
/// which knows the dossier's last event, stamps the command, not the server the request reached.</param>
public sealed record ValidMeta(string RequestId, string DossierId, long ExpectedVersion, string Actor, DateTimeOffset At);

/// <summary>Validates the contract's CommandMeta before anything reaches a grain.</summary>
public sealed class CommandMetaReader
{
    public const int MaxActorLength = 128;

    public ValidMeta Read(V1.CommandMeta? meta)
    {
        if (meta is null)
        {
            throw DvcErrors.InvalidArgument("meta", EdgeMessages.MetaRequired.Alone());
        }
        if (RequestId.Problem(meta.RequestId) is { } requestIdProblem)
        {
            throw DvcErrors.InvalidArgument(ContractFields.RequestId, EdgeMessages.FieldProblem.With(ContractFields.RequestId, requestIdProblem));
        }
        if (DossierCode.Problem(meta.DossierId) is { } dossierIdProblem)
        {
            throw DvcErrors.InvalidArgument(ContractFields.DossierId, EdgeMessages.FieldProblem.With(ContractFields.DossierId, dossierIdProblem));
        }
        if (meta.ExpectedVersion < 0)
        {
            throw DvcErrors.InvalidArgument(ContractFields.ExpectedVersion, EdgeMessages.ExpectedVersionNegative.With(meta.ExpectedVersion));
        }
        RequestText.SingleLine(meta.Actor, "meta.actor", MaxActorLength);
        var at = ProtoTime.Read(meta.At, ContractFields.At) ?? DossierCommand.NoTime;
        return new ValidMeta(meta.RequestId, meta.DossierId, meta.ExpectedVersion, meta.Actor, at);
    }
}
