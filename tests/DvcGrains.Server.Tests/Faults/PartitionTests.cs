using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Three silos, each in its own network namespace, under a steady stream of commands with a feed follower. One silo is
/// cut off from the other two but not from PostgreSQL (a packet filter in its namespace). The others declare it dead;
/// until it learns so, commands sent to it are refused and none of them is written: it stops by itself, and what it
/// was asked after its declaration is nowhere. Healed and restarted, it joins again and serves. Nothing acknowledged is
/// lost or applied twice, the feed gives every command once and the counters are exact.
/// </summary>
/// <remarks>
/// Whether a late command meets the fence (decision 15) or never reaches a commit is the machine's timing: the dead
/// silo learns of its death from the membership table, at a moment the test cannot choose, and a command whose dossier
/// it has to look up in a peer's part of the directory times out first. The late commands go to dossiers the silo
/// already holds, so that most reach a commit, and the test asserts what the fence guarantees whichever way each went;
/// the fence itself, a commit after the declaration refused, is held deterministically by <c>CommitPipelineTests</c>.
/// </remarks>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class PartitionTests(ITestOutputHelper log)
{
    private const int Workers = 8;
    private const int CutOff = 1;
    private const int LateCommands = 30;

    /// <summary>What a commit fenced by the cluster's declaration answers (<c>SiloDeclaredDeadException</c>), in the silo's log.</summary>
    private const string FencedCommit = "The cluster has declared this silo dead, so it commits nothing more";
    private static readonly TimeSpan DossierSpacing = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task A_silo_cut_off_from_its_peers_but_not_the_database_is_declared_dead_commits_nothing_more_and_rejoins_once_healed()
    {
        var watch = Stopwatch.StartNew();
        await using var network = await SiloNetwork.Create(3);
        await using var postgres = new PostgresServer { NetworkAddress = network.Gateway };
        await postgres.InitializeAsync();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        string[] args =
        [
            .. FaultCluster.Arguments(connectionString, "partition", network.Gateway),
            // The silos serve the namespaces' addresses, not loopback; the test is their only caller.
            "--Dvc:Auth:AllowAnonymous", "true",
            // Every dossier activates on the silo its first call reached, so the cut-off silo holds dossiers of its own.
            "--Orleans:Placement:LocalSiloPreferenceMargin", "100",
        ];
        var cluster = args[Array.IndexOf(args, "--Orleans:ClusterId") + 1];
        // The cut-off silo suspects its peers, and reads the membership table, only every ten seconds: it goes on for a
        // while after the others declared it dead, as one whose peers cannot tell it does.
        string[] slowToLearn = [.. args, "--Orleans:Membership:ProbeTimeout", "00:00:05", "--Orleans:Membership:TableRefreshTimeout", "00:00:10"];
        await using var silos = await Silos.Start(Enumerable.Range(0, 3).Select(i =>
            (Func<Task<ServerProcess>>)(() => ServerProcess.Start(network.Launch(i), i == CutOff ? slowToLearn : args))));
        await using var database = NpgsqlDataSource.Create(connectionString);
        try
        {
            var isolated = silos.Current[CutOff];
            var communes = (await new Catalog.CatalogClient(silos.Current[0].Channel).ListUnitsAsync(new ListUnitsRequest { ParentCode = "01" }))
                .Units.Take(12).Select(u => u.Code).ToList();
            var traffic = new CommandLoad(silos, "1.001193", communes);
            using var following = new CancellationTokenSource();
            var follower = new FeedFollower(silos);
            var followingTask = follower.Run(following.Token);
            using var stop = new CancellationTokenSource();
            var streaming = traffic.Run(int.MaxValue, Workers, DossierSpacing, stop.Token);
            await Eventually.Until(() => traffic.Completed > 30, "dossiers go through all three silos");
            // Dossiers active on the silo to be cut off: its late commands find them there, with no look-up in a peer.
            var late = Enumerable.Range(0, LateCommands).Select(_ => NewDossierId()).ToList();
            foreach (var id in late)
            {
                var outcome = await Eventually.Read(() => Outcome(() => Submit(isolated, id, communes[0])),
                    failure => failure is not { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded });
                Assert.True(outcome is null, $"a Submit to the silo to be cut off answered {outcome?.StatusCode}: {outcome?.Status.Detail}");
            }

            await network.CutOff(CutOff);
            var cut = watch.Elapsed;
            log.WriteLine($"silo {isolated.Host} cut off at {cut}, {traffic.Acknowledged.Count} commands acknowledged");
            await Eventually.Until(async () => await FaultCluster.IsDeclaredDead(database, cluster, isolated), "the other silos declare the cut-off silo dead");
            // A load balancer's health check would stop sending it calls about now.
            silos.Remove(isolated);
            log.WriteLine($"declared dead {watch.Elapsed - cut} after the cut");

            // Until it learns so, the dead silo still takes calls: none of its commands may be acknowledged. One refused as
            // unavailable met the fence or found no peer; one timed out has an unknown outcome to the portal.
            var lateOutcomes = await Task.WhenAll(late.Select(id => Outcome(() =>
                new Dossiers.DossiersClient(isolated.Channel).StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) }, deadline: Silos.Deadline()))));
            log.WriteLine($"late commands: {lateOutcomes.Count(o => o is null)} of {LateCommands} acknowledged, " +
                $"{lateOutcomes.Count(o => o is { StatusCode: StatusCode.Unavailable })} refused as unavailable, " +
                $"{lateOutcomes.Count(o => o is { StatusCode: StatusCode.DeadlineExceeded })} timed out");
            Assert.All(lateOutcomes, outcome => Assert.True(outcome is { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded },
                $"a command to the dead silo answered {outcome?.StatusCode.ToString() ?? "OK"}: {outcome?.Status.Detail}"));
            // It stops by itself once it finds itself dead, still cut off: nothing it was asked can reach a peer afterwards.
            await isolated.WaitForExit(TimeSpan.FromSeconds(60));
            var fenced = isolated.Output.Split(FencedCommit).Length - 1;
            log.WriteLine($"the dead silo stopped by itself (exit code {isolated.ExitCode}) at {watch.Elapsed}, its log naming the fence {fenced} times");
            // Nothing of what it was asked after its declaration is written, whether it met the fence or no commit at all.
            Assert.Equal(late.Select(id => (id, 1)), await Versions(database, late));

            await network.Heal(CutOff);
            log.WriteLine($"healed at {watch.Elapsed}, restarting it");
            var back = await isolated.Restart();
            silos.Add(back);
            log.WriteLine($"restarted and ready at {watch.Elapsed}");
            var completed = traffic.Completed;
            await Eventually.Until(() => traffic.Completed > completed + 30, "dossiers go through with the silo back");
            await stop.CancelAsync();
            await streaming;
            log.WriteLine($"traffic done at {watch.Elapsed}: {traffic.DossierIds.Count} dossiers, {traffic.Acknowledged.Count} commands, {traffic.Retries} retries");

            traffic.NoneFailed();
            // The silo back serves: what it is asked is written and read back through the others.
            var served = NewDossierId();
            Assert.Null(await Outcome(() => Submit(back, served, communes[1])));
            Assert.Equal(1, (await new Dossiers.DossiersClient(silos.Current[0].Channel).GetAsync(new GetDossierRequest { DossierId = served })).Version);
            await FaultVerdict.EveryAcknowledgedCommandOnceInItsDossier(silos, traffic);
            await FaultVerdict.FeedCarriedEachOnce(follower, following, followingTask, traffic);
            var verification = await FaultVerdict.CountersExact(connectionString, silos);
            log.WriteLine($"verified at {watch.Elapsed}: {verification.Summary}");
        }
        catch
        {
            log.WriteLine(silos.Output());
            throw;
        }
    }

    /// <summary>A new in-person dossier submitted straight to <paramref name="silo"/>.</summary>
    private static AsyncUnaryCall<DossierReply> Submit(ServerProcess silo, string id, string commune) =>
        new Dossiers.DossiersClient(silo.Channel).SubmitAsync(
            new SubmitRequest { Meta = Meta(id), UnitCode = commune, ProcedureCode = "1.001193", Channel = Channel.InPerson }, deadline: Silos.Deadline());

    /// <summary>How a call sent straight to one silo ended: null when acknowledged, else its failure.</summary>
    private static async Task<RpcException?> Outcome(Func<AsyncUnaryCall<DossierReply>> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    /// <summary>The committed version of each of <paramref name="dossierIds"/>, in their order, read from the database.</summary>
    private static async Task<List<(string, int)>> Versions(NpgsqlDataSource database, List<string> dossierIds)
    {
        await using var command = database.CreateCommand("SELECT dossier_id, version FROM dossier WHERE dossier_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dossierIds] });
        var versions = new Dictionary<string, int>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            versions[rows.GetString(0)] = rows.GetInt32(1);
        }
        return [.. dossierIds.Where(versions.ContainsKey).Select(id => (id, versions[id]))];
    }
}
