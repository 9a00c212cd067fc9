using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// A flood of callers without a token, each sending at once a request as large as the largest valid one, against a
/// silo with JWT on, run as its own process: 500 over JSON (4 MB, a Submit of 2,000 components) and 500 over gRPC (2 MB,
/// the gRPC bound). They are refused before their bodies are read, so the silo's resident memory (its peak, from
/// /proc) grows by less than <see cref="Bound"/>, and a portal with a token is answered on both transports meanwhile.
/// Parsing before authenticating, the same flood raised the silo's peak by 2 GB (decision 32).
/// </summary>
public sealed class UnauthenticatedFloodTests(ITestOutputHelper output)
{
    private const int Callers = 500;
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// What the flood may add to the silo's resident memory: the connections' buffers (Kestrel reads up to 1 MB of a
    /// connection's body before it is refused) and the runtime's, far below what 500 parsed bodies would take.
    /// </summary>
    private const long Bound = 400 * MiB;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Unauthenticated_requests_of_4_MB_are_refused_unread_the_silo_stays_within_its_bound_and_portals_are_answered()
    {
        using var pki = new TestPki();
        await using var server = await ServerProcess.Start(
            "--Dvc:Auth:Mode", "Jwt",
            "--Dvc:Auth:Jwt:PublicKeyFiles", pki.PathOf("issuer-rsa.pub.pem"),
            "--Dvc:Auth:Jwt:Issuer", TestPki.Issuer,
            "--Dvc:Auth:Jwt:Audience", TestPki.Audience,
            "--Logging:LogLevel:Default", "Warning");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Callers + 10 })
        {
            BaseAddress = new Uri($"http://{server.Host}:{server.WebPort}"), Timeout = Deadline,
        };
        using var channel = GrpcChannel.ForAddress($"http://{server.Host}:{server.GrpcPort}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true }, MaxSendMessageSize = null,
        });
        // The portal has connections of its own, as another client has: none of the flood's, which the silo closes
        // after refusing a body it did not read.
        using var portalHttp = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Deadline };
        using var portalChannel = GrpcChannel.ForAddress($"http://{server.Host}:{server.GrpcPort}");
        var token = pki.Token("portal-during-the-flood", roles: ["dossiers.read"]);
        var portal = new Catalog.CatalogClient(TestPki.Bearer(portalChannel, token));
        var jsonBody = Encoded(Submission(components: 2_000), json: true);
        var grpcBody = Encoded(Submission(components: 1_000), json: false);
        // Warm: each transport's first calls, answered and refused, before the silo's memory is read.
        await AskAsPortal(portalHttp, portal, token, CancellationToken.None);
        Assert.Equal("UNAUTHENTICATED", (await OverJson(http, jsonBody, CancellationToken.None)).Reason);
        Assert.Equal("UNAUTHENTICATED", (await OverGrpc(channel, grpcBody, CancellationToken.None)).Reason);
        var before = server.ResidentBytes();
        server.ResetPeakResident();

        using var stop = new CancellationTokenSource(Deadline);
        List<Task<Outcome>> callers =
        [
            .. Enumerable.Range(0, Callers).Select(_ => OverJson(http, jsonBody, stop.Token)),
            .. Enumerable.Range(0, Callers).Select(_ => OverGrpc(channel, grpcBody, stop.Token)),
        ];
        var flood = Task.WhenAll(callers);
        var answered = 0;
        var overBound = false;
        while (!flood.IsCompleted)
        {
            // A silo that parses what it should not would take the machine's memory: the flood stops at the bound.
            if (server.ResidentBytes() - before > Bound)
            {
                overBound = true;
                await stop.CancelAsync();
                break;
            }
            await AskAsPortal(portalHttp, portal, token, stop.Token);
            answered++;
        }
        Outcome[] outcomes;
        try
        {
            outcomes = await flood;
        }
        catch (Exception e) when (overBound && e is OperationCanceledException or RpcException)
        {
            // Stopped at the bound: what the callers got is beside the point.
            outcomes = [];
        }
        var grown = server.PeakResidentBytes() - before;
        output.WriteLine($"resident before {before / MiB} MB, peak growth {grown / MiB} MB; portal rounds answered {answered}; " +
            string.Join(", ", outcomes.GroupBy(outcome => $"{outcome.Transport} {outcome.Reason}").Select(group => $"{group.Key}: {group.Count()}")));

        Assert.False(overBound, $"The silo's resident memory grew past {Bound / MiB} MB during the flood.");
        Assert.True(grown < Bound, $"The silo's resident memory peaked {grown / MiB} MB above its {before / MiB} MB before the flood.");
        Assert.Equal(2 * Callers, outcomes.Length);
        // A JSON caller whose body the silo will not read may find its connection closed before its answer arrives, and a
        // gRPC caller opening streams faster than they end may have one reset by Kestrel's own guard against floods.
        Assert.All(outcomes, outcome => Assert.True(outcome.Reason is "UNAUTHENTICATED" or Closed or Reset, $"{outcome}"));
        Assert.Contains(outcomes, outcome => outcome is { Transport: "json", Reason: "UNAUTHENTICATED" });
        Assert.Contains(outcomes, outcome => outcome is { Transport: "grpc", Reason: "UNAUTHENTICATED" });
        Assert.True(answered > 0, "No portal call was made while the flood ran.");
    }

    private const string Closed = "connection closed";
    private const string Reset = "stream reset";

    private sealed record Outcome(string Transport, string Reason);

    /// <summary>A Submit as large as <paramref name="components"/> components of the longest name make it.</summary>
    private static SubmitRequest Submission(int components)
    {
        var request = new SubmitRequest
        {
            Meta = Portal.Meta(Portal.NewDossierId()), UnitCode = "79", ProcedureCode = "1.001193", Channel = Channel.Online,
        };
        var name = new string('x', 2_000);
        request.Components.AddRange(Enumerable.Range(0, components).Select(_ => new Component { Name = name }));
        return request;
    }

    private static byte[] Encoded(SubmitRequest request, bool json) =>
        json ? System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request)) : request.ToByteArray();

    private static async Task<Outcome> OverJson(HttpClient http, byte[] body, CancellationToken cancel)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(new Uri("/v1/dossiers", UriKind.Relative), content, cancel);
            return new Outcome("json", response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.TryGetValues("dvc-error", out var reason)
                ? reason.Single()
                : $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e) when (e.InnerException is IOException && !cancel.IsCancellationRequested)
        {
            return new Outcome("json", Closed);
        }
    }

    /// <summary>A Submit over gRPC of a message already encoded, so that 500 of them cost the test one copy.</summary>
    private static async Task<Outcome> OverGrpc(GrpcChannel channel, byte[] message, CancellationToken cancel)
    {
        var raw = Marshallers.Create(bytes => bytes, bytes => bytes);
        var submit = new Method<byte[], byte[]>(MethodType.Unary, Dossiers.Descriptor.FullName, nameof(Dossiers.DossiersBase.Submit), raw, raw);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(submit, null, new CallOptions(cancellationToken: cancel), message);
            return new Outcome("grpc", "answered");
        }
        catch (RpcException e) when (!cancel.IsCancellationRequested)
        {
            return new Outcome("grpc", e.Trailers.GetValue("dvc-error")
                ?? (e.Status.Detail.Contains("ENHANCE_YOUR_CALM", StringComparison.Ordinal) ? Reset : $"{e.StatusCode}: {e.Status.Detail}"));
        }
    }

    /// <summary>A portal's read on each transport, which must be answered.</summary>
    private static async Task AskAsPortal(HttpClient http, Catalog.CatalogClient portal, string token, CancellationToken cancel)
    {
        using var response = await http.Send(HttpMethod.Get, "/v1/units/79", token: token);
        Assert.Equal("79", (await response.Reply<Unit>()).Code);
        Assert.Equal("79", (await portal.GetUnitAsync(new GetUnitRequest { Code = "79" }, cancellationToken: cancel)).Code);
    }
}
