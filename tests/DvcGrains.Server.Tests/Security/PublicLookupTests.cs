using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// With JWT on (and the scoreboard closed), a citizen's look-up needs no token on either transport; a token sent is
/// still checked, and every other read still needs one.
/// </summary>
[Collection(SharedSecureServer.Name)]
public sealed class PublicLookupTests(SecureServer secure)
{
    [Fact]
    public async Task A_look_up_needs_no_token_on_either_transport_and_a_token_sent_is_checked()
    {
        var portal = secure.Dossiers(secure.Pki.Token("portal-lookup"));
        var procedure = (await secure.Catalog(secure.Pki.Token()).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = NewDossierId();
        var code = (await portal.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson }))
            .Dossier.LookupCode;
        var lookup = new LookupRequest { DossierId = id, LookupCode = code };

        var overGrpc = await secure.Server.Dossiers.LookupAsync(lookup);
        using var overJson = await secure.Server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(lookup));
        using var badToken = await secure.Server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(lookup), token: "abc.def.ghi");
        var get = await Fails(() => secure.Server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync);

        Assert.Equal((id, DossierStatus.Received), (overGrpc.DossierId, overGrpc.Status));
        Assert.Equal(overGrpc, await overJson.Reply<DossierLookup>());
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (badToken.StatusCode, (await badToken.Details()).Info().Reason));
        Assert.Equal(StatusCode.Unauthenticated, get.StatusCode);
    }
}
