using DvcGrains.Server.Hosting;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The transcoded JSON routes are made from the same services as the gRPC methods and share their route table, so
/// every address could answer both. Each answers one: the gRPC addresses native gRPC only (whose probes, health and
/// reflection stay off the web), the web address everything but native gRPC (one way per transport: a gRPC client
/// uses the gRPC address). Told apart by the port the connection arrived on, like the metrics port, and by the
/// request's content type, which native gRPC always names. What a request may carry is bounded per method
/// (<see cref="RequestBodyLimits"/>).
/// </summary>
public static class ProtocolPerAddress
{
    public static void Use(IApplicationBuilder app, IReadOnlyList<ListenAddress> webAddresses)
    {
        var webPorts = webAddresses.Select(address => address.EndPoint.Port).ToHashSet();
        app.Use(async (http, next) =>
        {
            var web = webPorts.Contains(http.Connection.LocalPort);
            if (web == ContentTypes.IsGrpc(http.Request))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
    }
}
