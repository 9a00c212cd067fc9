using System.Net;
using System.Text.Json;
using DvcGrains.Server.Edge;
using Grpc.Core;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// A refusal of a JSON route read back into the contract's terms: the code of its google.rpc.Status body (the HTTP
/// status, by the standard gRPC-to-HTTP mapping, when the body has none) and the ErrorInfo reason as the dvc-error
/// trailer a gRPC refusal carries.
/// </summary>
public static class JsonRefusal
{
    public static RpcException Of(HttpStatusCode http, string body)
    {
        var (code, message, reason) = Read(body);
        var status = new Status(code is >= 1 and <= 16 ? (StatusCode)code.Value : FromHttp(http), message ?? $"HTTP {(int)http} {http}");
        var trailers = new Metadata();
        if (reason is not null)
        {
            trailers.Add(DvcErrors.TrailerKey, reason);
        }
        return new RpcException(status, trailers);
    }

    /// <summary>The gRPC code of an HTTP status, where the body does not say (a proxy's answer, a route not found).</summary>
    public static StatusCode FromHttp(HttpStatusCode http) => http switch
    {
        HttpStatusCode.BadRequest => StatusCode.InvalidArgument,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.NotFound,
        HttpStatusCode.Conflict => StatusCode.Aborted,
        HttpStatusCode.TooManyRequests => StatusCode.ResourceExhausted,
        HttpStatusCode.NotImplemented => StatusCode.Unimplemented,
        HttpStatusCode.ServiceUnavailable => StatusCode.Unavailable,
        HttpStatusCode.GatewayTimeout => StatusCode.DeadlineExceeded,
        HttpStatusCode.BadGateway => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static (int? Code, string? Message, string? Reason) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }
            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message, Reason(root));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? Reason(JsonElement root) =>
        root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray()
                .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("@type", out var type) && type.GetString()?.EndsWith("/google.rpc.ErrorInfo", StringComparison.Ordinal) == true)
                .Select(d => d.TryGetProperty("reason", out var reason) ? reason.GetString() : null)
                .FirstOrDefault(r => r is not null)
            : null;
}
