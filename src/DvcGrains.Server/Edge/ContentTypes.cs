namespace DvcGrains.Server.Edge;

/// <summary>
/// The transports by their content types: native gRPC always names <c>application/grpc</c> (with a suffix such as
/// <c>+proto</c>); everything else on the web address is JSON. The one test of "is this native gRPC?".
/// </summary>
public static class ContentTypes
{
    public const string Grpc = "application/grpc";
    public const string Json = "application/json; charset=utf-8";

    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith(Grpc, StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsJson(HttpResponse response) => response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
}
