using System.Diagnostics;
using System.Globalization;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Two silos serve a steady stream of commands while a third place in the cluster changes hands: the silo in it stops
/// gracefully, then a new one joins, round after round, so that the grain directory's ranges move at every step while
/// the units count. No silo dies. The last round ends with a join and commands after it, which no recount follows
/// (a silo that leaves has the others recount; one that joins does not). Afterwards each unit has one activation in
/// the cluster and its counters equal the recount from the dossiers.
/// </summary>
/// <remarks>
/// The suite runs <see cref="SuiteRounds"/> rounds; <c>DVC_CHURN_ROUNDS=10</c> runs the ten
/// (<c>load-tests/faults.sh</c>, figures in docs/reliability.md).
/// </remarks>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class UnitCountersAcrossChurnTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private const int SuiteRounds = 4;
    private const int Workers = 8;
    private const string UnitActivations = "orleans_grain_activations{grain_type=\"unitkpi\"}";
    private static readonly TimeSpan DossierSpacing = TimeSpan.FromMilliseconds(25);

    [Fact]
    public async Task Silos_leaving_and_joining_gracefully_under_load_leave_one_activation_per_unit_and_every_units_counters_exact()
    {
        var rounds = int.Parse(Environment.GetEnvironmentVariable("DVC_CHURN_ROUNDS") ?? $"{SuiteRounds}", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        string[] args =
        [
            .. FaultCluster.WithoutFailures(connectionString, "churn"),
            // Only the units the commands reach are active, so that their activations can be counted.
            "--Dvc:ProvinceMetricsInterval", "0",
        ];
        await using var cluster = await Silos.Start(3, args);
        try
        {
            var catalog = new Catalog.CatalogClient(cluster.Current[0].Channel);
            var communes = new List<string>();
            foreach (var province in new[] { "01", "79", "96", "48" })
            {
                communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Take(10).Select(u => u.Code));
            }
            var traffic = new CommandLoad(cluster, "1.001193", communes);
            using var stop = new CancellationTokenSource();
            var streaming = traffic.Run(int.MaxValue, Workers, DossierSpacing, stop.Token);
            await Eventually.Until(() => traffic.Completed > 20, "the first dossiers are through");
            log.WriteLine($"3 silos ready, traffic flowing at {watch.Elapsed}");

            for (var round = 1; round <= rounds; round++)
            {
                var leaving = cluster.Current[^1];
                cluster.Remove(leaving);
                leaving.Terminate();
                await leaving.WaitForExit(TimeSpan.FromSeconds(60));
                Assert.True(leaving.ExitCode == 0, $"round {round}: the leaving silo exited with {leaving.ExitCode}\n{leaving.Output}");
                cluster.Add(await ServerProcess.Start(args));
                var completed = traffic.Completed;
                await Eventually.Until(() => traffic.Completed > completed + 20, "dossiers go through with the new silo in");
                log.WriteLine($"round {round} at {watch.Elapsed}: {traffic.Acknowledged.Count} commands acknowledged");
            }
            await stop.CancelAsync();
            await streaming;
            log.WriteLine($"traffic done at {watch.Elapsed}: {traffic.DossierIds.Count} dossiers, {traffic.Acknowledged.Count} commands, {traffic.Retries} retries");

            traffic.NoneFailed();
            var verification = await FaultVerdict.CountersExact(connectionString, cluster);
            var activations = 0.0;
            foreach (var silo in cluster.Current)
            {
                activations += await silo.Metric(UnitActivations) ?? 0;
            }
            log.WriteLine($"verified at {watch.Elapsed}: {verification.Summary}; {activations} unit activations on the {cluster.Current.Count} silos");
            // The communes, their provinces and the nation: every unit verified, each active once.
            Assert.Equal(communes.Count + 5, verification.UnitsChecked);
            Assert.Equal(verification.UnitsChecked, activations);
        }
        catch
        {
            log.WriteLine(cluster.Output());
            throw;
        }
    }
}
