using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;
using Grpc.Core;

namespace DvcGrains.LoadTests.Engine;

/// <summary>
/// What an iteration's steps run through: each call is timed from its intended start (the scheduled arrival for the
/// first step, the previous reply plus the think time for the next ones), retried as a portal retries, and counted in
/// its step, unless the iteration belongs to the warm-up.
/// </summary>
public sealed class IterationContext
{
    private readonly ILoadClock _clock;
    private readonly ScenarioStats _stats;
    private readonly GeneratorSettings _settings;
    private readonly CommandLedger? _ledger;
    private readonly Acknowledgements? _acknowledgements;
    private readonly CancellationToken _abort;
    private readonly CancellationToken _scheduleOver;
    private TimeSpan _nextIntended;

    /// <summary>How long after its acknowledgement a change may still be on its way when a follow ends.</summary>
    private static readonly TimeSpan UnseenGrace = TimeSpan.FromSeconds(10);

    internal IterationContext(
        ILoadClock clock, ScenarioStats stats, GeneratorSettings settings, CommandLedger? ledger, Acknowledgements? acknowledgements,
        TargetClients target, Random random, TimeSpan intended, bool measured, CancellationToken scheduleOver, CancellationToken abort)
    {
        _acknowledgements = acknowledgements;
        _scheduleOver = scheduleOver;
        _clock = clock;
        _stats = stats;
        _settings = settings;
        _ledger = ledger;
        _abort = abort;
        _nextIntended = intended;
        Target = target;
        Random = random;
        Measured = measured;
    }

    public TargetClients Target { get; }
    public Random Random { get; }

    /// <summary>False during the warm-up: the calls go out, nothing is counted.</summary>
    public bool Measured { get; }

    /// <summary>A call whose outcome changes nothing the generator tallies (a read).</summary>
    public Task<T> Call<T>(string step, Func<CallOptions, Task<T>> call) => Run(step, call, acknowledged: null);

    /// <summary>
    /// A command: <paramref name="acknowledged"/> records in the tally what the server confirmed. A command left in doubt
    /// is kept, so that the verification can send it again under the same request_id and learn whether it applied.
    /// </summary>
    public Task<T> Command<T>(string step, Func<CallOptions, Task<T>> call, Action<T> acknowledged) => Run(step, call, acknowledged);

    /// <summary>Counts a dossier in the tally, from its acknowledged Submit on.</summary>
    public void Track(DossierRecord dossier) => _ledger?.Track(dossier);

    /// <summary>
    /// Holds a server stream open for <paramref name="hold"/>, or until the schedule is over: the step's latency is the
    /// time to the first message, and every message after it counts as an update.
    /// </summary>
    public async Task Watch<T>(string step, Func<CallOptions, AsyncServerStreamingCall<T>> open, TimeSpan hold)
    {
        ArgumentNullException.ThrowIfNull(open);
        var stats = _stats.Step(step);
        var (intended, sent) = await Begin();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(_abort, _scheduleOver);
        held.CancelAfter(hold);
        try
        {
            using var stream = open(new CallOptions(cancellationToken: held.Token));
            var first = true;
            while (await stream.ResponseStream.MoveNext(held.Token))
            {
                if (first)
                {
                    Completed(stats, StatusCode.OK, intended, sent);
                    first = false;
                }
                else if (Measured)
                {
                    stats.Updated();
                }
            }
            if (first)
            {
                Completed(stats, StatusCode.Unknown, intended, sent);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && held.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            // The hold is over: the viewer closes the dashboard.
        }
        catch (RpcException e)
        {
            Completed(stats, e.StatusCode, intended, sent);
            throw new IterationFailedException(step, e);
        }
    }

    /// <summary>
    /// Follows a stream of the dossiers' changes for <paramref name="hold"/>, or until the schedule is over:
    /// <paramref name="step"/>'s latency is the time to the stream's headers, and each change counts in
    /// <paramref name="lagStep"/> with its lag from the acknowledgement of its command (zero when it came first). At the
    /// end, each command sent after the stream opened, acknowledged long enough before and never seen counts there as
    /// failed (NOT_FOUND).
    /// </summary>
    public async Task FollowChanges(string step, string lagStep, Func<CallOptions, AsyncServerStreamingCall<Api.V1.DossierChange>> open, TimeSpan hold)
    {
        ArgumentNullException.ThrowIfNull(open);
        var acknowledgements = _acknowledgements ?? throw new InvalidOperationException("A change follower needs the run's acknowledgements.");
        var stats = _stats.Step(step);
        var lags = _stats.Step(lagStep);
        var (intended, sent) = await Begin();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(_abort, _scheduleOver);
        held.CancelAfter(hold);
        FollowerAcknowledgements? follower = null;
        try
        {
            using var stream = open(new CallOptions(cancellationToken: held.Token));
            await stream.ResponseHeadersAsync;
            Completed(stats, StatusCode.OK, intended, sent);
            follower = acknowledgements.Follow();
            while (await stream.ResponseStream.MoveNext(held.Token))
            {
                var change = stream.ResponseStream.Current;
                var lag = follower.Arrived(change.Dossier.DossierId, change.Event.Version);
                var arrived = _clock.Elapsed;
                if (Measured)
                {
                    lags.Completed(StatusCode.OK, new CallTiming(arrived - lag, arrived - lag, arrived));
                    _stats.CompletedAt(arrived);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && held.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            for (var unseen = follower?.Unseen(UnseenGrace) ?? 0; unseen > 0; unseen--)
            {
                lags.Completed(StatusCode.NotFound, new CallTiming(_clock.Elapsed, _clock.Elapsed, _clock.Elapsed));
            }
        }
        catch (RpcException e)
        {
            Completed(follower is null ? stats : lags, e.StatusCode, intended, sent);
            throw new IterationFailedException(step, e);
        }
        finally
        {
            follower?.Dispose();
        }
    }

    private async Task<T> Run<T>(string step, Func<CallOptions, Task<T>> call, Action<T>? acknowledged)
    {
        ArgumentNullException.ThrowIfNull(call);
        var stats = _stats.Step(step);
        var (intended, sent) = await Begin();
        var sentAt = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var retry = 1; ; retry++)
        {
            try
            {
                var reply = await call(new CallOptions(deadline: DateTime.UtcNow + _settings.Calls.Timeout, cancellationToken: _abort));
                Completed(stats, StatusCode.OK, intended, sent);
                acknowledged?.Invoke(reply);
                if (reply is Api.V1.DossierReply { Dossier: { } dossier })
                {
                    _acknowledgements?.Acknowledged(dossier.DossierId, dossier.Version, sentAt);
                }
                return reply;
            }
            catch (RpcException e) when (CallPolicy.IsRetryable(e.StatusCode) && retry <= _settings.Calls.MaxRetries && !_abort.IsCancellationRequested)
            {
                if (Measured)
                {
                    stats.Retried(e.StatusCode);
                }
                await _clock.WaitUntil(_clock.Elapsed + _settings.Calls.Backoff(retry, Random), _abort);
            }
            catch (RpcException e)
            {
                Completed(stats, e.StatusCode, intended, sent);
                if (acknowledged is not null && CallPolicy.LeavesInDoubt(e.StatusCode))
                {
                    _ledger?.InDoubt(new PendingCommand(_stats.Name, step, async options => acknowledged(await call(options))));
                }
                throw new IterationFailedException(step, e);
            }
        }
    }

    /// <summary>Waits for the step's intended start (a think time after the previous reply), then notes when it really starts.</summary>
    private async Task<(TimeSpan Intended, TimeSpan Sent)> Begin()
    {
        var intended = _nextIntended;
        if (intended > _clock.Elapsed)
        {
            await _clock.WaitUntil(intended, _abort);
        }
        return (intended, _clock.Elapsed);
    }

    private void Completed(StepStats stats, StatusCode status, TimeSpan intended, TimeSpan sent)
    {
        var ended = _clock.Elapsed;
        _nextIntended = ended + _settings.ThinkTime;
        if (Measured)
        {
            stats.Completed(status, new CallTiming(intended, sent, ended));
            _stats.CompletedAt(ended);
        }
    }
}
