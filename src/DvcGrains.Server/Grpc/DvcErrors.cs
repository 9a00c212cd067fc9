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

    public static RpcException Rejected(RejectionReason reason, string message)
    {
        var (code, name) = Contract(reason);
        return Create(code, name, message);
    }

    public static RpcException InvalidArgument(string message) => Rejected(RejectionReason.InvalidArgument, message);

    public static RpcException Overloaded(string message) => Create(StatusCode.ResourceExhausted, "OVERLOADED", message);

    /// <summary>A unit's dossier codes of a day are all handed out: retrying that day cannot help.</summary>
    public static RpcException CodesExhausted(string message) => Create(StatusCode.ResourceExhausted, "CODES_EXHAUSTED", message);

    public static RpcException Unavailable(string message) => Create(StatusCode.Unavailable, "UNAVAILABLE", message);

    public static RpcException Unauthenticated(string message) => Create(StatusCode.Unauthenticated, "UNAUTHENTICATED", message);

    private static (StatusCode Code, string Name) Contract(RejectionReason reason) => reason switch
    {
        RejectionReason.InvalidArgument => (StatusCode.InvalidArgument, "INVALID_ARGUMENT"),
        RejectionReason.UnknownUnit => (StatusCode.InvalidArgument, "UNKNOWN_UNIT"),
        RejectionReason.UnknownProcedure => (StatusCode.InvalidArgument, "UNKNOWN_PROCEDURE"),
        RejectionReason.BadTime => (StatusCode.InvalidArgument, "BAD_TIME"),
        RejectionReason.DossierNotFound => (StatusCode.NotFound, "DOSSIER_NOT_FOUND"),
        RejectionReason.DossierExists => (StatusCode.AlreadyExists, "DOSSIER_EXISTS"),
        RejectionReason.IllegalTransition => (StatusCode.FailedPrecondition, "ILLEGAL_TRANSITION"),
        RejectionReason.VersionConflict => (StatusCode.Aborted, "VERSION_CONFLICT"),
        RejectionReason.Forbidden => (StatusCode.PermissionDenied, "FORBIDDEN"),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason."),
    };

    private static RpcException Create(StatusCode code, string reason, string message) =>
        new(new Status(code, message), new Metadata { { TrailerKey, reason } }, message);
}
