using DvcGrains.Api.V1;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// An upgrade from a build that stored dossiers as grain state (before migration 0005): <c>migrate</c> moves them, and
/// the server then serves them as they were, answers retries of the requests that build kept, applies new commands
/// after them, and counts them.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class UpgradeFromGrainStateTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Migrate_moves_the_dossiers_and_the_server_carries_on_with_them()
    {
        var connectionString = await DossiersStoredBefore0005.CreateDatabaseAsync(postgres);
        var output = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString], output, TextWriter.Null);

        Assert.Equal(MigrateCommand.Succeeded, exitCode);
        Assert.EndsWith($"now at migration {MigrationScripts.RequiredVersion}.\n" +
            $"migrate: moved {DossiersStoredBefore0005.Count} dossiers stored by a build before migration 0005 to dossier_event.\n" +
            $"migrate: wrote the summaries of {DossiersStoredBefore0005.Count} dossiers stored before migration 0006, for lists and the change feed.\n",
            output.ToString(), StringComparison.Ordinal);

        await using var server = await RunningServer.StartOn(connectionString);
        var waiting = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = "LEGACY-OPEN-3", IncludeHistory = true });
        var retried = await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta("LEGACY-OPEN-3", requestId: "open-3-start") });
        var next = await server.Dossiers.RequestSupplementAsync(new ReasonRequest { Meta = Meta("LEGACY-OPEN-2", requestId: "after-upgrade-1"), Reason = "thiếu tờ khai" });

        Assert.Equal((DossierStatus.SupplementRequested, 3L), (waiting.Status, waiting.Version));
        Assert.Equal(["Submit", "StartProcessing", "RequestSupplement"], waiting.History.Select(entry => entry.Command));
        Assert.Equal((true, DossierStatus.Processing, 2L), (retried.Replayed, retried.Dossier.Status, retried.Dossier.Version));
        Assert.Equal((false, DossierStatus.SupplementRequested, 3L), (next.Replayed, next.Dossier.Status, next.Dossier.Version));
        var listed = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "VN", PageSize = 1000 });
        Assert.Equal(DossiersStoredBefore0005.Count, listed.Dossiers.Count);
        Assert.Equal((DossierStatus.SupplementRequested, 3L), listed.Dossiers.Where(d => d.DossierId == "LEGACY-OPEN-2").Select(d => (d.Status, d.Version)).Single());

        var verified = new StringWriter();
        var verifyExit = await VerifyKpisCommand.RunAsync(["--ConnectionStrings:Postgres", connectionString, "--target", server.Address], verified, TextWriter.Null);
        Assert.Equal(VerifyKpisCommand.Exact, verifyExit);
        Assert.Matches($"^verify-kpis: {DossiersStoredBefore0005.Count} dossiers, [0-9]+ units checked, all counters and summaries exact\n$", verified.ToString());
    }
}
