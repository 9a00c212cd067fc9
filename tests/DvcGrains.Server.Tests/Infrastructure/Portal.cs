using DvcGrains.Api.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>What a portal sends: fresh request ids, business times, and the dvc-error reason of a failure.</summary>
public static class Portal
{
    public static string NewDossierId() => $"E2E-{Guid.NewGuid():N}"[..32];

    public static CommandMeta Meta(string dossierId, DateTimeOffset? at = null, long expectedVersion = 0, string? requestId = null) => new()
    {
        RequestId = requestId ?? Guid.NewGuid().ToString("N"),
        DossierId = dossierId,
        ExpectedVersion = expectedVersion,
        Actor = "officer-e2e",
        At = at is { } value ? Timestamp.FromDateTimeOffset(value) : null,
    };

    public static string? Reason(this RpcException e) => e.Trailers.GetValue("dvc-error");

    public static async Task<RpcException> Fails(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.False(string.IsNullOrWhiteSpace(e.Status.Detail), "an error must carry a message a person can act on");
        return e;
    }
}
