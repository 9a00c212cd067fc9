using System.Net;
using System.Text;
using DvcGrains.Api.V1;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// Each method takes a request as large as its largest valid one: a command without components its reason and meta,
/// well under 64 KiB even as JSON with every letter escaped; beyond it INVALID_ARGUMENT names the method and its bound,
/// on both transports, before the body is read.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class RequestBodyLimitTests(RunningServer server)
{
    private const string Refuse = "dvc.v1.Dossiers/Refuse";

    [Fact]
    public async Task The_largest_valid_reason_escaped_letter_by_letter_as_json_fits_its_methods_bound()
    {
        var id = NewDossierId();
        // 2,000 characters, each written as the six characters of \u1ec7 ("ệ"): about 12 KB.
        var reason = string.Concat(Enumerable.Repeat("\\u1ec7", 2_000));
        var body = $$"""{"meta": {"requestId": "r1", "dossierId": "{{id}}", "actor": "officer"}, "reason": "{{reason}}"}""";

        using var response = await server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:refuse", WebPortal.Body(body));

        Assert.InRange(Encoding.UTF8.GetByteCount(body), 12_000, RequestBodyLimits.SmallRequestBytes / 4);
        Assert.Equal((HttpStatusCode.NotFound, "DOSSIER_NOT_FOUND"), (response.StatusCode, (await response.Details()).Info().Reason));
    }

    [Fact]
    public async Task A_request_beyond_its_methods_bound_is_an_invalid_argument_naming_the_method_and_the_bound_on_both_transports()
    {
        var id = NewDossierId();
        var request = new ReasonRequest { Meta = Meta(id), Reason = new string('x', 70_000) };

        var overGrpc = await Fails(() => server.Dossiers.RefuseAsync(request).ResponseAsync);
        using var overJson = await server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:refuse", WebPortal.Body(request));
        var json = await overJson.Details();

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (overGrpc.StatusCode, overGrpc.Reason()));
        Assert.Equal(["*"], overGrpc.Details().BadFields());
        Assert.Equal($"The request to {Refuse} is too large: more than 64 KiB, which no valid call of it needs; send less.", overGrpc.Status.Detail);
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_ARGUMENT"), (overJson.StatusCode, json.Info().Reason));
        Assert.Equal(overGrpc.Status.Detail, json.Message);
        Assert.Equal(StatusCode.NotFound, (await Fails(() => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_compressed_message_is_bounded_by_what_it_inflates_to_not_by_what_it_weighs()
    {
        var id = NewDossierId();
        // Three million letters that gzip to a few kilobytes, well within the method's bound on the wire.
        var bomb = new ReasonRequest { Meta = Meta(id), Reason = new string('x', 3_000_000) };
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var refused = await Fails(() => server.Dossiers.RefuseAsync(bomb, gzip).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (refused.StatusCode, refused.Reason()));
        Assert.Equal(["*"], refused.Details().BadFields());
        Assert.Contains("larger than 2 MiB", refused.Status.Detail, StringComparison.Ordinal);
    }
}
