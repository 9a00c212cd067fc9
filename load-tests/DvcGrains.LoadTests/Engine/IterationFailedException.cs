using Grpc.Core;

namespace DvcGrains.LoadTests.Engine;

/// <summary>A step failed (already counted): the rest of its iteration is not sent, as a portal would not send it.</summary>
public sealed class IterationFailedException(string step, RpcException cause)
    : Exception($"{step} failed with {cause.StatusCode}: {cause.Status.Detail}", cause)
{
    public string Step { get; } = step;
    public StatusCode Status { get; } = cause.StatusCode;
}
