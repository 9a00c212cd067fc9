using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>The gRPC status codes by the names the contract and the gRPC specification give them (INVALID_ARGUMENT).</summary>
public static class GrpcCodeNames
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static int Count => Names.Length;

    public static string Of(StatusCode code) => (int)code is >= 0 and var index && index < Names.Length ? Names[index] : "UNKNOWN";

    /// <summary>The code a grpc-status field carries; a missing or malformed one is UNKNOWN, as gRPC clients read it.</summary>
    public static StatusCode Parse(string? status) =>
        int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code < Names.Length
            ? (StatusCode)code
            : StatusCode.Unknown;
}
