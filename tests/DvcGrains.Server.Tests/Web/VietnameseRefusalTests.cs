using DvcGrains.Api.V1;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// A caller that asks for Vietnamese (grpc-accept-language on gRPC, Accept-Language on HTTP) reads every refusal's
/// message in Vietnamese, with the same code, reason and fields as in English, the default.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class VietnameseRefusalTests(RunningServer server)
{
    private static readonly Metadata Vietnamese = new() { { CallerLanguage.GrpcHeader, "vi" } };

    private async Task<Google.Rpc.Status> Json(HttpMethod method, string path, Google.Protobuf.IMessage? body, string? language)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : WebPortal.Body(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        using var response = await server.Http.SendAsync(request);
        return await response.Details();
    }

    [Fact]
    public async Task A_refusal_the_dossier_decided_reads_in_Vietnamese_on_both_transports_with_the_same_reason()
    {
        var id = NewDossierId();
        var receive = new ReceiveRequest { Meta = Meta(id) };
        var expected = DossierMessages.DoesNotExist.With("Receive");

        var grpc = (await Fails(() => server.Dossiers.ReceiveAsync(receive, Vietnamese).ResponseAsync)).Details();
        var json = await Json(HttpMethod.Post, $"/v1/dossiers/{id}:receive", receive, "vi-VN");
        var english = await Json(HttpMethod.Post, $"/v1/dossiers/{id}:receive", receive, null);

        Assert.Equal(("DOSSIER_NOT_FOUND", expected.In(Language.Vietnamese)), (grpc.Info().Reason, grpc.Message));
        Assert.Equal(("DOSSIER_NOT_FOUND", expected.In(Language.Vietnamese)), (json.Info().Reason, json.Message));
        Assert.Equal(("DOSSIER_NOT_FOUND", expected.In(Language.English)), (english.Info().Reason, english.Message));
    }

    [Fact]
    public async Task A_bad_field_is_named_the_same_and_described_in_Vietnamese()
    {
        var get = new GetDossierRequest { DossierId = "has space" };
        var problem = DossierCode.Problem("has space");

        var grpc = (await Fails(() => server.Dossiers.GetAsync(get, Vietnamese).ResponseAsync)).Details();
        var json = await Json(HttpMethod.Get, "/v1/dossiers/has%20space", null, "vi");

        // Over JSON the field is named as a JSON client names it (dossierId), in the message too.
        foreach (var (status, field) in new[] { (grpc, "dossier_id"), (json, "dossierId") })
        {
            var expected = EdgeMessages.FieldProblem.With(field, problem).In(Language.Vietnamese);
            Assert.Equal(("INVALID_ARGUMENT", expected), (status.Info().Reason, status.Message));
            Assert.Equal([field], status.BadFields());
            Assert.Equal(expected, status.Details.Single(detail => detail.Is(Google.Rpc.BadRequest.Descriptor))
                .Unpack<Google.Rpc.BadRequest>().FieldViolations.Single().Description);
        }
        Assert.StartsWith("dossier_id: Mã hồ sơ \"has space\" chứa ký tự \" \"", grpc.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_transcoding_cannot_read_is_refused_in_Vietnamese_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/dossiers") { Content = WebPortal.Body("{not json") };
        request.Headers.AcceptLanguage.ParseAdd("vi");
        using var response = await server.Http.SendAsync(request);
        var status = await response.Details();

        Assert.Equal("INVALID_ARGUMENT", status.Info().Reason);
        Assert.StartsWith("Không đọc được yêu cầu (", status.Message, StringComparison.Ordinal);
    }
}
