using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// A call's context for a service or an interceptor run without a transport: of a method, over an
/// <see cref="HttpContext"/> when given (found, as the framework's own context is, through <c>GetHttpContext</c>), and
/// cancelled by a token as when the client leaves.
/// </summary>
public sealed class TestCallContext : ServerCallContext
{
    private readonly string _method;
    private readonly CancellationToken _cancellationToken;

    public TestCallContext(string method = "/dvc.v1.Dossiers/Submit", HttpContext? http = null, CancellationToken cancellationToken = default)
    {
        _method = method;
        _cancellationToken = cancellationToken;
        if (http is not null)
        {
            UserState["__HttpContext"] = http;
        }
    }

    protected override string MethodCore => _method;
    protected override string HostCore => "localhost";
    protected override string PeerCore => "ipv4:127.0.0.1:1";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => [];
    protected override CancellationToken CancellationTokenCore => _cancellationToken;
    protected override Metadata ResponseTrailersCore => [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
