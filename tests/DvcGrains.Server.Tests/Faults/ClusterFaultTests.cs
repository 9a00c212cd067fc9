using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Kpis;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Three silos on one PostgreSQL database under a steady stream of commands for a procedure added at run time: one is
/// killed (SIGKILL), another stopped (SIGTERM), both restarted, and afterwards every acknowledged command is in its
/// dossier, none was applied twice, no silo refused the procedure, a follower of the change feed that reconnected from
/// its last position saw each exactly once, and every unit's counters equal the recount from the dossiers' durable
/// states.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ClusterFaultTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private const int DossierCount = 600;
    private const int Workers = 8;
    /// <summary>A new dossier starts every 40 ms: 600 dossiers make a stream of 24 s that the faults fall into.</summary>
    private static readonly TimeSpan DossierSpacing = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan CrashAfter = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TerminateAfterCrash = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Killing_one_silo_and_stopping_another_under_load_loses_no_acknowledged_command_applies_none_twice_and_keeps_counters_exact()
    {
        var watch = Stopwatch.StartNew();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        string[] args =
        [
            "--ConnectionStrings:Postgres", connectionString,
            "--Orleans:ClusterId", $"faults-{Guid.NewGuid():N}",
            .. ServerProcess.FaultTestArguments,
        ];
        var cluster = new Cluster(await ServerProcess.StartAll([.. Enumerable.Range(0, 3).Select(_ => ServerProcess.Start(args))]));
        try
        {
            log.WriteLine($"3 silos ready after {watch.Elapsed}");
            var catalog = new Catalog.CatalogClient(cluster.Current[0].Channel);
            // A procedure added just before the faults: every silo, the restarted ones too, must accept dossiers for it.
            var procedure = (await catalog.UpsertProcedureAsync(new Procedure
            {
                Code = $"FT.{Guid.NewGuid():N}"[..16], Name = "Thủ tục thêm lúc chạy", ProcessingWorkingDays = 5, FeeVnd = 0,
            })).Code;
            var communes = new List<string>();
            foreach (var (province, count) in new[] { ("01", 7), ("79", 7), ("96", 6) })
            {
                communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Take(count).Select(u => u.Code));
            }
            var stream = new CommandStream(cluster, procedure, communes);
            using var following = new CancellationTokenSource();
            var follower = new FeedFollower(cluster);
            var followingTask = follower.Run(following.Token);
            var streaming = stream.Run(DossierCount, Workers, DossierSpacing);

            await Task.Delay(CrashAfter);
            var crashed = cluster.Current[1];
            LandsMidLoad(stream, streaming, "the kill");
            crashed.Crash();
            await crashed.WaitForExit(TimeSpan.FromSeconds(10));
            log.WriteLine($"silo 2 killed at {watch.Elapsed}, {stream.Acknowledged.Count} commands acknowledged");
            await Task.Delay(TerminateAfterCrash);
            var terminated = cluster.Current[2];
            LandsMidLoad(stream, streaming, "the stop");
            terminated.Terminate();
            log.WriteLine($"silo 3 asked to stop at {watch.Elapsed}");
            cluster.Replace(1, await crashed.Restart());
            log.WriteLine($"silo 2 back at {watch.Elapsed}");
            await terminated.WaitForExit(TimeSpan.FromSeconds(60));
            Assert.True(terminated.ExitCode == 0, $"silo 3 exited with {terminated.ExitCode}\n{terminated.Output}");
            cluster.Replace(2, await terminated.Restart());
            log.WriteLine($"silo 3 back at {watch.Elapsed}");
            await streaming;
            log.WriteLine($"stream done at {watch.Elapsed}: {stream.Acknowledged.Count} acknowledged, {stream.Retries} retries");

            Assert.Empty(stream.Failures);
            Assert.Equal(DossierCount, stream.DossierIds.Count);
            foreach (var dossierId in stream.DossierIds)
            {
                var dossier = await cluster.Call(silo => new Dossiers.DossiersClient(silo.Channel).GetAsync(
                    new GetDossierRequest { DossierId = dossierId, IncludeHistory = true }, deadline: Cluster.Deadline()));
                var acknowledged = stream.Acknowledged.Where(a => a.DossierId == dossierId).OrderBy(a => a.Version).Select(a => (a.Version, a.Command));
                // Versions 1..n without a gap or a repeat, each the command that was acknowledged at it, and nothing else:
                // no acknowledged command lost, none applied twice.
                Assert.Equal(acknowledged, dossier.History.Select(e => (e.Version, e.Command)));
                Assert.Equal(dossier.History.Count, dossier.Version);
            }
            log.WriteLine($"histories checked at {watch.Elapsed}");

            // The national portal's follower, reconnecting to another silo with its last position whenever its stream
            // broke, saw every acknowledged command exactly once, each dossier's in version order.
            var acknowledgedCommands = stream.Acknowledged.Select(a => (a.DossierId, a.Version)).ToHashSet();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!acknowledgedCommands.IsSubsetOf(follower.Received.Select(c => (c.DossierId, c.Version))) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            await following.CancelAsync();
            await followingTask;
            var followed = follower.Received;
            log.WriteLine($"followed {followed.Count} changes over {follower.Connections} streams at {watch.Elapsed}");
            Assert.Equal(acknowledgedCommands.Order(), followed.Select(c => (c.DossierId, c.Version)).Order());
            Assert.All(followed.GroupBy(c => c.DossierId), dossier => Assert.Equal(Enumerable.Range(1, dossier.Count()).Select(v => (long)v), dossier.Select(c => c.Version)));
            Assert.Equal(followed.Select(c => c.Position).Order(StringComparer.Ordinal), followed.Select(c => c.Position));

            await using var database = NpgsqlDataSource.Create(connectionString);
            var verifier = Verifiers.Of(database);
            var verification = await verifier.Verify(new Api.V1.Kpis.KpisClient(cluster.Current[0].Channel), KpiVerifier.DefaultSettle);
            log.WriteLine($"verified at {watch.Elapsed}: {verification.Summary}");

            // 20 communes, their 3 provinces and the nation.
            Assert.Equal([], verification.Mismatches);
            Assert.Equal($"verify-kpis: {DossierCount} dossiers, 24 units checked, all counters and summaries exact", verification.Summary);
        }
        catch
        {
            // What the silos logged says why; the test's own assertion only says what.
            foreach (var silo in cluster.Current)
            {
                log.WriteLine($"silo on port {silo.GrpcPort}:\n{silo.Output}");
            }
            throw;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A fault proves something only while commands are acknowledged around it: some before, more to come.</summary>
    private static void LandsMidLoad(CommandStream stream, Task streaming, string fault)
    {
        Assert.False(streaming.IsCompleted, $"the command stream ended before {fault}: the fault would fall on an idle cluster");
        Assert.False(stream.Acknowledged.IsEmpty, $"no command was acknowledged before {fault}");
    }

    /// <summary>The silos running now, and every process started, so that all are stopped at the end.</summary>
    private sealed class Cluster(ServerProcess[] silos) : IAsyncDisposable
    {
        private const int MaxAttempts = 60;
        private readonly List<ServerProcess> _started = [.. silos];
        private int _next;
        private int _retries;

        public ServerProcess[] Current { get; } = silos;

        public int Retries => _retries;

        public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

        public void Replace(int index, ServerProcess silo)
        {
            lock (_started)
            {
                _started.Add(silo);
                Current[index] = silo;
            }
        }

        /// <summary>
        /// Round-robin over the silos; a call that fails in transport, or that its silo cannot serve now, goes again,
        /// unchanged (the same request id), to the next silo. INTERNAL is not among them: it would hide a server defect.
        /// </summary>
        public async Task<T> Call<T>(Func<ServerProcess, AsyncUnaryCall<T>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                ServerProcess silo;
                lock (_started)
                {
                    silo = Current[(int)((uint)Interlocked.Increment(ref _next) % Current.Length)];
                }
                try
                {
                    return await call(silo);
                }
                catch (RpcException e) when (attempt < MaxAttempts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                {
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt, 5)));
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var silo in _started)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Follows the whole nation's changes, as a synchronisation agent does: one stream at a time, from the silos in turn,
    /// and after any failure a new stream on the next silo from the last position received.
    /// </summary>
    private sealed class FeedFollower(Cluster cluster)
    {
        private readonly List<(string DossierId, long Version, string Position)> _received = [];

        public int Connections { get; private set; }

        public IReadOnlyList<(string DossierId, long Version, string Position)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public async Task Run(CancellationToken done)
        {
            var last = "";
            while (!done.IsCancellationRequested)
            {
                Connections++;
                try
                {
                    var silo = cluster.Current[Connections % cluster.Current.Length];
                    using var call = new Dossiers.DossiersClient(silo.Channel).WatchChanges(new WatchChangesRequest { UnitCode = "VN", After = last }, cancellationToken: done);
                    while (await call.ResponseStream.MoveNext(done))
                    {
                        var change = call.ResponseStream.Current;
                        lock (_received)
                        {
                            _received.Add((change.Dossier.DossierId, change.Event.Version, change.Position));
                        }
                        last = change.Position;
                    }
                }
                catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException && !done.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
                catch (Exception e) when (e is RpcException or OperationCanceledException && done.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Dossiers started at a steady pace by a few workers: each submitted in person, taken into processing, and every
    /// third one finished. Every acknowledged reply is recorded.
    /// </summary>
    private sealed class CommandStream(Cluster cluster, string procedure, IReadOnlyList<string> communes)
    {
        public ConcurrentBag<(string DossierId, long Version, string Command)> Acknowledged { get; } = [];
        public ConcurrentBag<string> Failures { get; } = [];
        public ConcurrentBag<string> DossierIds { get; } = [];
        public int Retries => cluster.Retries;

        public async Task Run(int dossierCount, int workers, TimeSpan spacing)
        {
            var start = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < dossierCount; i = Interlocked.Increment(ref next))
                {
                    var due = spacing * i - start.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due);
                    }
                    await Process(i);
                }
            })));
        }

        private async Task Process(int i)
        {
            var id = NewDossierId();
            DossierIds.Add(id);
            // Each request, and so its request id, is built once and sent again unchanged after a failure.
            var submit = new SubmitRequest { Meta = Meta(id), UnitCode = communes[i % communes.Count], ProcedureCode = procedure, Channel = Channel.InPerson };
            var startProcessing = new StartProcessingRequest { Meta = Meta(id) };
            var finish = new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" };
            try
            {
                await Send(id, "Submit", client => client.SubmitAsync(submit, deadline: Cluster.Deadline()));
                await Send(id, "StartProcessing", client => client.StartProcessingAsync(startProcessing, deadline: Cluster.Deadline()));
                if (i % 3 == 0)
                {
                    await Send(id, "FinishProcessing", client => client.FinishProcessingAsync(finish, deadline: Cluster.Deadline()));
                }
            }
            catch (RpcException e)
            {
                Failures.Add($"dossier {id}: {e.StatusCode} {e.Status.Detail}");
            }
        }

        private async Task Send(string dossierId, string command, Func<Dossiers.DossiersClient, AsyncUnaryCall<DossierReply>> call)
        {
            var reply = await cluster.Call(silo => call(new Dossiers.DossiersClient(silo.Channel)));
            Acknowledged.Add((dossierId, reply.Dossier.Version, command));
        }
    }
}
