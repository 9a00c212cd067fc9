using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The contract's error model: a gRPC status code, a message a person can act on, the machine-readable reason in the
/// <c>dvc-error</c> response trailer, and the same as <c>google.rpc.Status</c> details (<c>grpc-status-details-bin</c>;
/// the body of a refused JSON call): an <see cref="ErrorInfo"/> of <see cref="Domain"/> with the reason, what an
/// invalid argument's fields were (<see cref="BadRequest"/>), the current version of a conflict and when to retry an
/// overload (<see cref="RetryInfo"/>).
/// </summary>
public static class DvcErrors
{
    public const string TrailerKey = "dvc-error";
    public const string Domain = "dvc.v1";

    /// <summary>The <see cref="ErrorInfo"/> metadata key of a VERSION_CONFLICT: the dossier's version now.</summary>
    public const string CurrentVersionKey = "current_version";

    /// <summary>The field a refusal names when the request as a whole could not be read (as a body of <c>"*"</c> is the whole request).</summary>
    public const string WholeRequest = "*";

    /// <summary>How long an overloaded server asks its callers to wait when nothing tells it better.</summary>
    public static readonly TimeSpan OverloadRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The details' message types, for whatever writes them as JSON.</summary>
    public static readonly TypeRegistry DetailTypes = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor, RetryInfo.Descriptor);

    public static Refusal Rejected(DossierRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var (code, name) = Contract(rejection.Reason);
        var info = Info(name);
        if (rejection.CurrentVersion is { } version)
        {
            info.Metadata[CurrentVersionKey] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Refusal(code, rejection.Message, info, rejection.Field, []);
    }

    /// <param name="field">The request field at fault, by its name in the contract; required for the INVALID_ARGUMENT reasons.</param>
    public static Refusal Rejected(RejectionReason reason, Message message, string? field = null) =>
        Rejected(new DossierRejection(reason, message, field));

    public static Refusal InvalidArgument(string field, Message message) => Rejected(RejectionReason.InvalidArgument, message, field);

    /// <summary>The server sheds load: retry after <paramref name="retryAfter"/> (default <see cref="OverloadRetryDelay"/>).</summary>
    public static Refusal Overloaded(Message message, TimeSpan? retryAfter = null) =>
        new(StatusCode.ResourceExhausted, message, Info(ErrorReasons.Overloaded), null,
            [new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter ?? OverloadRetryDelay) }]);

    /// <summary>
    /// A list read longer than storage lets one read (LIST_TOO_SLOW): a narrower list is what helps, so no retry delay is
    /// suggested.
    /// </summary>
    public static Refusal ListTooSlow(Message message) => new(StatusCode.ResourceExhausted, message, Info(ErrorReasons.ListTooSlow), null, []);

    /// <summary>A unit's dossier codes of a day are all handed out: retrying that day cannot help.</summary>
    public static Refusal CodesExhausted(Message message) => new(StatusCode.ResourceExhausted, message, Info(ErrorReasons.CodesExhausted), null, []);

    /// <summary>
    /// A change-feed position of another history of the database than the one it has now (restored from a backup,
    /// failed over to a standby that lacked some changes): the reader follows again, as the message says.
    /// </summary>
    public static Refusal FeedReset(Message message) => new(StatusCode.FailedPrecondition, message, Info(ErrorReasons.FeedReset), null, []);

    public static Refusal Unavailable(Message message) => new(StatusCode.Unavailable, message, Info(ErrorReasons.Unavailable), null, []);

    public static Refusal Unauthenticated(Message message) => new(StatusCode.Unauthenticated, message, Info(ErrorReasons.Unauthenticated), null, []);

    /// <summary>The details of an invalid request that the framework refused before any service ran, and so without them.</summary>
    public static Google.Rpc.Status InvalidRequest(string field, string message) =>
        RpcStatus(StatusCode.InvalidArgument, message, Info(ErrorReasons.InvalidArgument), field, []);

    /// <summary>
    /// A request of the web address that no route takes: no such path, or a method the path does not take. What a gRPC
    /// client calling a method the server does not have gets: UNIMPLEMENTED.
    /// </summary>
    public static Google.Rpc.Status UnknownRoute(string message) => RpcStatus(StatusCode.Unimplemented, message, Info(ErrorReasons.UnknownRoute), null, []);

    private static (StatusCode Code, string Name) Contract(RejectionReason reason) => reason switch
    {
        RejectionReason.InvalidArgument => (StatusCode.InvalidArgument, ErrorReasons.InvalidArgument),
        RejectionReason.UnknownUnit => (StatusCode.InvalidArgument, ErrorReasons.UnknownUnit),
        RejectionReason.UnknownProcedure => (StatusCode.InvalidArgument, ErrorReasons.UnknownProcedure),
        RejectionReason.BadTime => (StatusCode.InvalidArgument, ErrorReasons.BadTime),
        RejectionReason.DossierNotFound => (StatusCode.NotFound, ErrorReasons.DossierNotFound),
        RejectionReason.DossierExists => (StatusCode.AlreadyExists, ErrorReasons.DossierExists),
        RejectionReason.IllegalTransition => (StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition),
        RejectionReason.VersionConflict => (StatusCode.Aborted, ErrorReasons.VersionConflict),
        RejectionReason.Forbidden => (StatusCode.PermissionDenied, ErrorReasons.Forbidden),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown rejection reason."),
    };

    private static ErrorInfo Info(string reason) => new() { Reason = reason, Domain = Domain };

    /// <summary>The <c>google.rpc.Status</c> of a refusal: its <paramref name="field"/>, when it names one, as a <see cref="BadRequest"/> with the same message.</summary>
    internal static Google.Rpc.Status RpcStatus(StatusCode code, string message, ErrorInfo info, string? field, IEnumerable<IMessage> details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } },
            }));
        }
        status.Details.AddRange(details.Select(Any.Pack));
        return status;
    }
}
