using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>The web address over TLS with bearer tokens: the same authentication, roles and unit scopes as gRPC, refused with the same details.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class SecureWebTests(SecureServer secure)
{
    private static SubmitRequest Submission(string unit) => new()
    {
        Meta = Meta(NewDossierId()), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.Online,
    };

    [Fact]
    public async Task A_token_is_accepted_over_http_2_and_http_1_1_with_tls()
    {
        var token = secure.Pki.Token();
        using var http2 = new HttpClient(secure.Pki.Handler())
        {
            BaseAddress = new Uri(secure.Server.WebAddress), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            DefaultRequestHeaders = { Authorization = new("Bearer", token) },
        };

        using var overHttp2 = await http2.GetAsync(new Uri("/v1/units/01", UriKind.Relative));
        using var overHttp11 = await secure.Server.Http.Send(HttpMethod.Get, "/v1/units/01", token: token);

        Assert.Equal(HttpVersion.Version20, overHttp2.Version);
        Assert.Equal(HttpVersion.Version11, overHttp11.Version);
        Assert.Equal("01", (await overHttp2.Reply<Unit>()).Code);
        Assert.Equal("Thành phố Hà Nội", (await overHttp11.Reply<Unit>()).Name);
    }

    [Fact]
    public async Task Without_a_valid_token_a_call_is_401_with_the_reason_on_both_transports()
    {
        var grpc = (await Fails(() => secure.Server.Dossiers.SubmitAsync(Submission("01")).ResponseAsync)).Details();
        using var missing = await secure.Server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(Submission("01")));
        using var expired = await secure.Server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(Submission("01")),
            secure.Pki.Token(expires: DateTimeOffset.UtcNow.AddMinutes(-2)));

        var json = await missing.Details();
        var stale = await expired.Details();

        Assert.Equal(((int)StatusCode.Unauthenticated, "UNAUTHENTICATED"), (grpc.Code, grpc.Info().Reason));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (missing.StatusCode, json.Info().Reason));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (expired.StatusCode, stale.Info().Reason));
        Assert.Contains("expired", stale.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_unit_outside_the_tokens_scope_or_a_missing_role_is_403_and_changes_nothing()
    {
        var haNoi = secure.Pki.Token("web-ha-noi", units: ["01"], roles: ["dossiers.write", "dossiers.read"]);
        var reader = secure.Pki.Token("web-reader", units: ["01"], roles: ["dossiers.read"]);
        var elsewhere = Submission("79");

        var grpc = (await Fails(() => secure.Dossiers(haNoi).SubmitAsync(Submission("79")).ResponseAsync)).Details();
        using var outside = await secure.Server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(elsewhere), haNoi);
        using var noRole = await secure.Server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(Submission("01")), reader);
        var json = await outside.Details();
        var role = await noRole.Details();
        using var after = await secure.Server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{elsewhere.Meta.DossierId}", token: secure.Pki.Token());

        Assert.Equal(((int)StatusCode.PermissionDenied, "FORBIDDEN"), (grpc.Code, grpc.Info().Reason));
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (outside.StatusCode, json.Info().Reason));
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (noRole.StatusCode, role.Info().Reason));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}

/// <summary>A caller over its rate is told when to retry, on both transports, which share its budget.</summary>
public sealed class RateLimitedWebTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments("--Dvc:RateLimit:PerSecond", "1", "--Dvc:RateLimit:Burst", "3");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task Over_its_rate_a_caller_gets_429_with_a_retry_delay_and_grpc_the_same()
    {
        var token = _secure.Pki.Token("web-greedy");

        using var refused = await FirstRefusal(async () =>
        {
            var response = await _secure.Server.Http.Send(HttpMethod.Get, "/v1/units/01", token: token);
            return response.IsSuccessStatusCode ? null : response;
        });
        var json = await refused.Details();
        var grpc = (await FirstRefusal(async () =>
        {
            try
            {
                await _secure.Catalog(token).GetUnitAsync(new GetUnitRequest { Code = "01" });
                return null;
            }
            catch (RpcException e)
            {
                return e;
            }
        })).Details();

        Assert.Equal((HttpStatusCode.TooManyRequests, "OVERLOADED"), (refused.StatusCode, json.Info().Reason));
        Assert.Equal("OVERLOADED", grpc.Info().Reason);
        Assert.All([json.RetryDelay(), grpc.RetryDelay()], delay => Assert.InRange(delay!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1)));
    }

    /// <summary>Calls as fast as they go until one is refused (the bucket refills by one a second; a burst is three).</summary>
    private static async Task<T> FirstRefusal<T>(Func<Task<T?>> call) where T : class
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await call() is { } refused)
            {
                return refused;
            }
        }
        throw new Xunit.Sdk.XunitException("50 calls in a row were served at a rate of 1 a second");
    }
}
