using DvcGrains.Api.V1;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// One fault test's load: dossiers from several workers and a feed follower on the silos, begun before the fault and
/// judged after it (<see cref="FaultVerdict"/>). Its summary is what docs/reliability.md tabulates. The environment
/// variable <c>DVC_FAULT_SCALE</c> (default 1) multiplies the dossiers and the acknowledgements a fault waits for:
/// load-tests/faults.sh runs every scenario longer that way.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("DVC_FAULT_SCALE"), out var scale) && scale > 0 ? scale : 1;

    private readonly CancellationTokenSource _following = new();
    private readonly Task _followingTask;

    private FaultRun(Silos silos, CommandLoad load, int dossiers, int workers, TimeSpan spacing)
    {
        Load = load;
        Follower = new FeedFollower(silos);
        _followingTask = Follower.Run(_following.Token);
        Streaming = load.Run(dossiers, workers, spacing);
    }

    public CommandLoad Load { get; }

    public FeedFollower Follower { get; }

    /// <summary>The load, running until its last dossier has started and been answered.</summary>
    public Task Streaming { get; }

    /// <summary>
    /// Starts <paramref name="dossiers"/> dossiers, one every <paramref name="spacing"/>, from <paramref name="workers"/>
    /// workers, in communes of Hà Nội and Hồ Chí Minh City under a procedure of the shipped catalog.
    /// </summary>
    public static async Task<FaultRun> Begin(Silos silos, int dossiers, int workers, TimeSpan spacing)
    {
        var catalog = new Catalog.CatalogClient(silos.Current[0].Channel);
        var procedure = (await catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var communes = new List<string>();
        foreach (var province in new[] { "01", "79" })
        {
            communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Take(6).Select(u => u.Code));
        }
        return new FaultRun(silos, new CommandLoad(silos, procedure, communes), dossiers * Scale, workers, spacing);
    }

    /// <summary>
    /// Returns once <paramref name="count"/> more commands (times the scale) are acknowledged than now, or the load has
    /// ended: a point mid-load.
    /// </summary>
    public Task<int> UntilAcknowledged(int count) => Load.UntilAcknowledged(count * Scale, Streaming, seconds: 60 * Scale);

    /// <summary>How long after <paramref name="timestamp"/> the first command was acknowledged, once one was; null if none within a minute.</summary>
    public Task<TimeSpan?> RecoveredAfter(long timestamp) =>
        Eventually.Read(() => Task.FromResult(Load.FirstAcknowledgedAfter(timestamp)), first => first is not null, seconds: 60);

    /// <summary>
    /// Waits for the load to end, then asserts the verdict (the feed's part unless <paramref name="feed"/> is false)
    /// and logs the figures.
    /// </summary>
    public async Task Judge(Silos silos, string connectionString, ITestOutputHelper log, bool feed = true)
    {
        await Streaming;
        await FaultVerdict.EveryAcknowledgedCommandOnceInItsDossier(silos, Load);
        var followed = feed ? await FaultVerdict.FeedCarriedEachOnce(Follower, _following, _followingTask, Load) : 0;
        var verification = await FaultVerdict.CountersExact(connectionString, silos);
        log.WriteLine(
            $"{Load.Sent} commands sent, {Load.Acknowledged.Count} acknowledged ({Load.Acknowledged.Count(a => a.Replayed)} as replays), 0 lost, 0 applied twice, " +
            $"{Load.Retries} retries; {verification.Summary}; feed: " +
            (feed ? $"{followed} changes of these dossiers over {Follower.Connections} streams, each acknowledged command once" : "not judged here"));
    }

    public async ValueTask DisposeAsync()
    {
        await _following.CancelAsync();
        await _followingTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Streaming.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _following.Dispose();
    }
}
