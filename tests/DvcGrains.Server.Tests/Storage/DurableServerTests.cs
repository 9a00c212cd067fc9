using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>The server on PostgreSQL, end to end: what it acknowledged outlives it, and a database outage is survivable.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DurableServerTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_dossier_and_the_code_sequence_survive_a_server_restart()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        string code;
        StartProcessingRequest start;
        await using (var first = await RunningServer.StartOn(connectionString))
        {
            code = (await first.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "2026-03-02" })).DossierId;
            start = new StartProcessingRequest { Meta = Meta(code), Department = "Phòng Tư pháp" };
            await Submit(first, code);
            await first.Dossiers.StartProcessingAsync(start);
        }

        await using var second = await RunningServer.StartOn(connectionString);
        var dossier = await second.Dossiers.GetAsync(new GetDossierRequest { DossierId = code, IncludeHistory = true });
        var next = (await second.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "2026-03-02" })).DossierId;
        var startedAgain = await second.Dossiers.StartProcessingAsync(start);

        Assert.Equal("01-260302-0000001", code);
        Assert.Equal((2L, DossierStatus.Processing), (dossier.Version, dossier.Status));
        Assert.Equal([1L, 2L], dossier.History.Select(e => e.Version));
        Assert.Equal("01-260302-0000002", next);
        // Request ids outlive the process that applied them.
        Assert.Equal((true, 2L), (startedAgain.Replayed, startedAgain.Dossier.Version));
    }

    /// <summary>
    /// A dossier whose write failed does not know whether it was applied, so it answers only once storage tells it;
    /// another dossier is still read from memory. The retry with the same request id applies the command once.
    /// </summary>
    [Fact]
    public async Task While_the_database_is_down_a_command_is_unavailable_and_its_retry_applies_it_once_the_database_is_back()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var server = await RunningServer.StartOn(connectionString);
        var code = (await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
        var untouched = (await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
        await Submit(server, code);
        await Submit(server, untouched);
        var start = new StartProcessingRequest { Meta = Meta(code, expectedVersion: 1), Department = "Phòng Tư pháp" };

        await postgres.StopAsync();
        RpcException refused, unknownRead;
        Dossier untouchedDuringOutage;
        try
        {
            refused = await Fails(() => server.Dossiers.StartProcessingAsync(start).ResponseAsync);
            unknownRead = await Fails(() => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = code }).ResponseAsync);
            untouchedDuringOutage = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = untouched });
        }
        finally
        {
            await postgres.StartAsync();
        }
        var applied = await server.Dossiers.StartProcessingAsync(start);
        var history = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = code, IncludeHistory = true });

        Assert.Equal((StatusCode.Unavailable, "UNAVAILABLE"), (refused.StatusCode, refused.Reason()));
        Assert.Contains("may or may not have been applied", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.Unavailable, "UNAVAILABLE"), (unknownRead.StatusCode, unknownRead.Reason()));
        Assert.DoesNotContain("request_id", unknownRead.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((1L, DossierStatus.Received), (untouchedDuringOutage.Version, untouchedDuringOutage.Status));
        Assert.Equal((2L, DossierStatus.Processing, false), (applied.Dossier.Version, applied.Dossier.Status, applied.Replayed));
        Assert.Equal([1L, 2L], history.History.Select(e => e.Version));
    }


    private static async Task Submit(RunningServer server, string code)
    {
        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var submitted = (await server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(code),
            UnitCode = "01",
            ProcedureCode = procedure,
            Channel = Channel.InPerson,
            ApplicantType = ApplicantType.Citizen,
        })).Dossier;
        Assert.Equal((1L, DossierStatus.Received), (submitted.Version, submitted.Status));
    }
}
