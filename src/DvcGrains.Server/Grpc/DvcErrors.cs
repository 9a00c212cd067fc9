using DvcGrains.Domain.Dossiers;
using Grpc.Core;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The contract's error model: a gRPC status code, a message a person can act on, and the machine-readable reason
/// in the <c>dvc-error</c> response trailer.
/// </summary>
public static class DvcErrors
{
    public const string TrailerKey = "dvc-error";

    public static RpcException Rejected(DossierRejection rejection) => Rejected(rejection.Reason, rejection.Message);

    public static RpcException Rejected(RejectionReason reason, string message) => reason switch
    {
        RejectionReason.InvalidArgument => Create(StatusCode.InvalidArgument, "INVALID_ARGUMENT", message),
        RejectionReason.UnknownUnit => Create(StatusCode.InvalidArgument, "UNKNOWN_UNIT", message),
        RejectionReason.UnknownProcedure => Create(StatusCode.InvalidArgument, "UNKNOWN_PROCEDURE", message),
        RejectionReason.BadTime => Create(StatusCode.InvalidArgument, "BAD_TIME", message),
        RejectionReason.DossierNotFound => Create(StatusCode.NotFound, "DOSSIER_NOT_FOUND", message),
        RejectionReason.DossierExists => Create(StatusCode.AlreadyExists, "DOSSIER_EXISTS", message),
        RejectionReason.IllegalTransition => Create(StatusCode.FailedPrecondition, "ILLEGAL_TRANSITION", message),
        RejectionReason.VersionConflict => Create(StatusCode.Aborted, "VERSION_CONFLICT", message),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason."),
    };

    public static RpcException InvalidArgument(string message) => Rejected(RejectionReason.InvalidArgument, message);

    public static RpcException Overloaded(string message) => Create(StatusCode.ResourceExhausted, "OVERLOADED", message);

    public static RpcException Unavailable(string message) => Create(StatusCode.Unavailable, "UNAVAILABLE", message);

    private static RpcException Create(StatusCode code, string reason, string message) =>
        new(new Status(code, message), new Metadata { { TrailerKey, reason } }, message);
}
