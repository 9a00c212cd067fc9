using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Roll-ups every three minutes, so that every commune still holds the changes it has not sent up when a silo is
/// killed. The parents must become exact on their own within seconds of the silo's loss (within a minute on a machine
/// busy with other tests), long before the next roll-up, and verify-kpis reads them before anything could wake their
/// children.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class ParentsAfterSiloLossTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan RollupInterval = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Parents_are_exact_within_seconds_of_a_silo_loss_without_a_reader_waking_the_children()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        string[] args =
        [
            "--ConnectionStrings:Postgres", connectionString,
            "--Orleans:ClusterId", $"parents-{Guid.NewGuid():N}",
            "--Dvc:Kpis:RollupInterval", RollupInterval.ToString(),
            .. ServerProcess.FaultTestArguments,
        ];
        var silos = await ServerProcess.StartAll([.. Enumerable.Range(0, 3).Select(_ => ServerProcess.Start(args))]);
        try
        {
            var catalog = new Catalog.CatalogClient(silos[0].Channel);
            var communes = new List<string>();
            foreach (var province in new[] { "01", "79", "96" })
            {
                communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Take(8).Select(u => u.Code));
            }
            // Filed through every silo, so that communes on each silo hold changes their parents have not heard of.
            await Parallel.ForEachAsync(Enumerable.Range(0, 240), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            {
                var dossiers = new Dossiers.DossiersClient(silos[i % 3].Channel);
                var id = NewDossierId();
                await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = communes[i % communes.Count], ProcedureCode = "1.001193", Channel = Channel.InPerson }, cancellationToken: token);
                if (i % 2 == 0)
                {
                    await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) }, cancellationToken: token);
                }
            });
            var lastCommand = Stopwatch.StartNew();

            silos[1].Crash();
            await silos[1].WaitForExit(TimeSpan.FromSeconds(10));
            await using var database = NpgsqlDataSource.Create(connectionString);
            var verifier = Verifiers.Of(database);
            var verification = await verifier.Verify(new Api.V1.Kpis.KpisClient(silos[0].Channel), settle: TimeSpan.FromSeconds(60));
            log.WriteLine($"{verification.Summary} {lastCommand.Elapsed} after the last command");

            Assert.Equal([], verification.Mismatches);
            Assert.Equal("verify-kpis: 240 dossiers, 28 units checked, all counters and summaries exact", verification.Summary);
            Assert.True(lastCommand.Elapsed < RollupInterval, $"exact only after {lastCommand.Elapsed}: a roll-up, not the silo's loss, made the parents exact");
        }
        catch
        {
            foreach (var silo in silos.Where(s => !s.HasExited))
            {
                log.WriteLine($"silo on port {silo.GrpcPort}:\n{silo.Output}");
            }
            throw;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
