using System.Net;
using DvcGrains.Server.Edge;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>The google.rpc.Status details of a refusal, as a portal reads them on either transport.</summary>
public static class ErrorDetails
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));

    /// <summary>The details of a gRPC refusal (grpc-status-details-bin), which agree with its status and its dvc-error trailer.</summary>
    public static Google.Rpc.Status Details(this RpcException e)
    {
        var status = e.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException($"{e.StatusCode} {e.Reason()} carries no grpc-status-details-bin");
        Assert.Equal(((int)e.StatusCode, e.Status.Detail), (status.Code, status.Message));
        Assert.Equal(e.Reason(), status.Info().Reason);
        return status;
    }

    /// <summary>
    /// The details of a refused JSON call (its body), which agree with its HTTP status, the standard mapping of the
    /// gRPC code, and its dvc-error header.
    /// </summary>
    public static async Task<Google.Rpc.Status> Details(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(response.IsSuccessStatusCode, $"expected a refusal, got {(int)response.StatusCode}: {text}");
        var status = Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(status.Message), "an error must carry a message a person can act on");
        Assert.Equal(HttpStatusOf((StatusCode)status.Code), response.StatusCode);
        Assert.Equal(status.Info().Reason, response.Headers.TryGetValues(DvcErrors.TrailerKey, out var reason) ? reason.Single() : null);
        return status;
    }

    /// <summary>A JSON refusal's body, its details read by their types.</summary>
    public static Google.Rpc.Status Parse(string json) => Parser.Parse<Google.Rpc.Status>(json);

    /// <summary>The ErrorInfo every refusal carries, of the contract's domain.</summary>
    public static ErrorInfo Info(this Google.Rpc.Status status)
    {
        var info = Detail<ErrorInfo>(status, ErrorInfo.Descriptor) ?? throw new Xunit.Sdk.XunitException($"no ErrorInfo in {status}");
        Assert.Equal("dvc.v1", info.Domain);
        return info;
    }

    /// <summary>The fields that BadRequest names; empty without one.</summary>
    public static string[] BadFields(this Google.Rpc.Status status) =>
        Detail<BadRequest>(status, BadRequest.Descriptor)?.FieldViolations.Select(violation => violation.Field).ToArray() ?? [];

    public static TimeSpan? RetryDelay(this Google.Rpc.Status status) =>
        Detail<RetryInfo>(status, RetryInfo.Descriptor)?.RetryDelay.ToTimeSpan();

    /// <summary>The standard mapping of gRPC codes to HTTP statuses (google/rpc/code.proto).</summary>
    public static HttpStatusCode HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => HttpStatusCode.BadRequest,
        StatusCode.Unauthenticated => HttpStatusCode.Unauthorized,
        StatusCode.PermissionDenied => HttpStatusCode.Forbidden,
        StatusCode.NotFound => HttpStatusCode.NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => HttpStatusCode.Conflict,
        StatusCode.ResourceExhausted => HttpStatusCode.TooManyRequests,
        StatusCode.Unavailable => HttpStatusCode.ServiceUnavailable,
        StatusCode.Unimplemented => HttpStatusCode.NotImplemented,
        StatusCode.DeadlineExceeded => HttpStatusCode.GatewayTimeout,
        _ => HttpStatusCode.InternalServerError,
    };

    private static T? Detail<T>(Google.Rpc.Status status, MessageDescriptor descriptor) where T : class, IMessage, new() =>
        status.Details.Where(detail => detail.Is(descriptor)).Select(detail => detail.Unpack<T>()).SingleOrDefault();
}
