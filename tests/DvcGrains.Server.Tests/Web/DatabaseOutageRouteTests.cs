using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// A database outage seen by a REST portal, end to end: a JSON command whose write failed is answered 503 with the
/// UNAVAILABLE reason (a portal retries it under its request id), and that retry applies it once the database is back.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DatabaseOutageRouteTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task While_the_database_is_down_a_JSON_command_is_503_unavailable_and_its_retry_applies_it_once_the_database_is_back()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var server = await RunningServer.StartOn(connectionString);
        var id = (await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
        var submitted = await server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson, ApplicantType = ApplicantType.Citizen,
        }));
        Assert.Equal(1L, (await submitted.Reply<DossierReply>()).Dossier.Version);
        var start = new StartProcessingRequest { Meta = Meta(id, expectedVersion: 1), Department = "Phòng Tư pháp" };

        await postgres.StopAsync();
        Google.Rpc.Status refused, unknownRead;
        HttpStatusCode refusedStatus;
        try
        {
            using var refusal = await server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:startProcessing", WebPortal.Body(start));
            refusedStatus = refusal.StatusCode;
            refused = await refusal.Details();
            using var read = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{id}");
            unknownRead = await read.Details();
        }
        finally
        {
            await postgres.StartAsync();
        }
        using var retried = await server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:startProcessing", WebPortal.Body(start));
        var applied = await retried.Reply<DossierReply>();
        using var afterwards = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{id}?includeHistory=true");
        var dossier = await afterwards.Reply<Dossier>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStatus);
        Assert.Equal(((int)StatusCode.Unavailable, "UNAVAILABLE"), (refused.Code, refused.Info().Reason));
        Assert.Contains("may or may not have been applied", refused.Message, StringComparison.Ordinal);
        Assert.Equal(((int)StatusCode.Unavailable, "UNAVAILABLE"), (unknownRead.Code, unknownRead.Info().Reason));
        Assert.Equal((2L, DossierStatus.Processing, false), (applied.Dossier.Version, applied.Dossier.Status, applied.Replayed));
        Assert.Equal([1L, 2L], dossier.History.Select(e => e.Version));
    }
}
