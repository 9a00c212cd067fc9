using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// Issue 25, point 4: several portals reading a province whole, many lists each at once, take the read pool and their
/// bounds, never the connections that keep the silo in its cluster or commit its dossiers (decision 33).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ReadPoolSaturationTests(ProvinceReadWhole province) : IClassFixture<ProvinceReadWhole>
{
    private const int Callers = 8;
    private const int ListsPerCaller = 40;

    /// <summary>Each list loop's most lists: the loops end with the saturation, or at this count.</summary>
    private const int ListsPerLoop = 500;

    /// <summary>
    /// How long a silo heartbeating every second may leave its row unchanged: room for a machine loaded many times over,
    /// far below the gaps of heartbeats that wait for a pool the lists hold (each gives up after the pool's Timeout).
    /// </summary>
    private const double HeartbeatGapSeconds = 10;

    private const int MostFilings = 2_000;

    private static readonly TimeSpan Saturation = TimeSpan.FromSeconds(30);

    /// <summary>What a list may answer while the reads are saturated: a page, or a contract refusal of its bounds.</summary>
    private static readonly string[] ListOutcomes = ["OK", "OVERLOADED", "LIST_TOO_SLOW"];

    /// <summary>
    /// How long a portal gives a dossier's code and its Submit together: a patient portal's deadline, so that only a
    /// filing kept from the database fails it, not one slowed by a busy machine. A call that waits for a connection the
    /// lists hold fails at it.
    /// </summary>
    private static readonly TimeSpan FilingDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lists_that_saturate_the_reads_leave_membership_and_commits_their_connections()
    {
        // A list answers UNAVAILABLE when storage does not give it a connection within Npgsql's Timeout, which bounds both
        // the wait for a pooled connection and the opening of a new one: "storage too slow", as the contract allows. The
        // test database's Timeout, 3 s so that tests which stop the database fail fast, had the read pool's connections,
        // opened all at once by the lists on a machine at a load of 40-60, refused as UNAVAILABLE: the machine's doing,
        // not a bound that failed. The silo gets the patience fault tests give a database that stays up (FaultCluster),
        // so that an UNAVAILABLE list here still means lists that exhausted the read pool, beyond their bounds.
        await using var secure = SecureServer.WithArguments(
            "--ConnectionStrings:Postgres", province.PatientConnectionString, "--Orleans:Membership:IAmAliveTablePublishTimeout", "00:00:01");
        await secure.InitializeAsync();
        var filer = secure.Dossiers(secure.Pki.Token("portal-filing"));
        // A filing before the lists, without a deadline: what is measured is the commits beside them, not a silo's first call.
        await filer.SubmitAsync(new SubmitRequest
        {
            Meta = Meta((await filer.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId),
            UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.Online,
        });
        using var stop = new CancellationTokenSource();
        var outcomes = new ConcurrentBag<RpcException?>();
        var lists = Enumerable.Range(0, Callers)
            .Select(caller => secure.Dossiers(secure.Pki.Token($"portal-of-province-{caller}")))
            .SelectMany(client => Enumerable.Range(0, ListsPerCaller).Select(_ => Task.Run(() => ListUntilStopped(client, outcomes, stop.Token))))
            .ToList();
        var watched = Stopwatch.StartNew();

        var heartbeats = Heartbeats(watched);
        var filings = Filings(filer, watched);
        try
        {
            await Task.WhenAll(heartbeats, filings);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(lists);
        }

        var seen = await heartbeats;
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second > pair.First,
            $"the silo's heartbeat stood at {pair.First:HH:mm:ss.fff} for more than {HeartbeatGapSeconds} s while lists saturated the reads"));
        Assert.True(await filings > 0, "no dossier was filed while the lists ran");
        var reasons = outcomes.Select(refusal => refusal is null ? "OK" : refusal.Reason() ?? refusal.StatusCode.ToString()).ToList();
        var unexpected = outcomes.OfType<RpcException>().Where(refusal => !ListOutcomes.Contains(refusal.Reason()))
            .Select(refusal => $"{refusal.Reason()}: {refusal.Status.Detail}").Distinct().ToList();
        Assert.True(unexpected.Count == 0, $"lists answered beyond their bounds:\n{string.Join('\n', unexpected)}");
        Assert.Contains(reasons, reason => reason is "OK" or "LIST_TOO_SLOW");
        var overloaded = outcomes.First(refusal => refusal?.Reason() == "OVERLOADED")!;
        Assert.Equal((StatusCode.ResourceExhausted, TimeSpan.FromSeconds(1)), (overloaded.StatusCode, overloaded.Details().RetryDelay()));
        Assert.Matches("has 8 lists being read on this server|is reading 32 lists at once", overloaded.Status.Detail);
    }

    [Fact]
    public async Task A_list_read_past_its_bound_is_resource_exhausted_and_says_how_to_narrow_it()
    {
        await using var server = await RunningServer.StartOn(province.ConnectionString, "--Dvc:Storage:Pools:ListStatementTimeout", "00:00:00.001");

        var refused = await Fails(() => server.Dossiers.ListAsync(ProvinceReadWhole.List).ResponseAsync);

        Assert.Equal((StatusCode.ResourceExhausted, "LIST_TOO_SLOW"), (refused.StatusCode, refused.Reason()));
        Assert.Null(refused.Details().RetryDelay());
        Assert.Contains("read dossiers for more than 0.001 s and was stopped", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Narrow it: a smaller unit", refused.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A portal's list loop: each list as soon as the last is answered, after the delay a refusal asks for; each outcome
    /// is added, null for a page.
    /// </summary>
    private static async Task ListUntilStopped(Dossiers.DossiersClient client, ConcurrentBag<RpcException?> outcomes, CancellationToken stop)
    {
        for (var i = 0; i < ListsPerLoop && !stop.IsCancellationRequested; i++)
        {
            try
            {
                await client.ListAsync(ProvinceReadWhole.List, cancellationToken: stop);
                outcomes.Add(null);
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                outcomes.Add(e);
                if (e.GetRpcStatus() is { } status && status.RetryDelay() is { } delay)
                {
                    await Task.Delay(delay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
    }

    /// <summary>The silo's heartbeats while the lists run: each must follow the last within the gap.</summary>
    private async Task<List<DateTime>> Heartbeats(Stopwatch watched)
    {
        var seen = new List<DateTime> { await province.LastHeartbeat() };
        while (watched.Elapsed < Saturation)
        {
            seen.Add(await Eventually.Read(province.LastHeartbeat, heartbeat => heartbeat > seen[^1], HeartbeatGapSeconds));
        }
        return seen;
    }

    /// <summary>A portal filing dossiers while the lists run: how many it filed.</summary>
    private static async Task<int> Filings(Dossiers.DossiersClient client, Stopwatch watched)
    {
        var filed = 0;
        while (watched.Elapsed < Saturation && filed < MostFilings)
        {
            await File(client, watched);
            filed++;
        }
        return filed;
    }

    /// <summary>A dossier's code and its Submit, both within one deadline; a call past it fails the test, naming it.</summary>
    private static async Task File(Dossiers.DossiersClient client, Stopwatch watched)
    {
        var deadline = DateTime.UtcNow + FilingDeadline;
        var started = watched.Elapsed;
        var step = "AllocateCode";
        try
        {
            var code = (await client.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" }, deadline: deadline)).DossierId;
            step = "Submit";
            var reply = await client.SubmitAsync(
                new SubmitRequest { Meta = Meta(code), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.Online }, deadline: deadline);
            Assert.Equal((code, DossierStatus.Submitted), (reply.Dossier.DossierId, reply.Dossier.Status));
        }
        catch (RpcException e)
        {
            throw new Xunit.Sdk.XunitException(
                $"A filing begun {started.TotalSeconds:0.0} s into the lists failed at {step} after {(watched.Elapsed - started).TotalSeconds:0.0} s: {e.Status}");
        }
    }
}
