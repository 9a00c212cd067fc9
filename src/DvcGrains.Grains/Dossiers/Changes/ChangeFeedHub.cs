using System.Runtime.CompilerServices;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Dossiers.Changes;

/// <summary>
/// This silo's readers of the change log. One loop follows the log for all of them, from the first reader on, into a
/// ring of the latest changes, bounded by count and in bytes; a reader that starts further back reads storage itself, a
/// batch at a time (bounded by count and in bytes too) and only as fast as it takes them, until it reaches the ring,
/// then shares it. A reader holds a position and at most one batch, never a queue of changes, so its memory does not
/// grow with how far behind it is; one that falls behind the ring after it sent changes is ended
/// (<see cref="ChangeFeedLappedException"/>) and reconnects from its position.
/// </summary>
public sealed partial class ChangeFeedHub : IChangeFeed, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>How often the follower asks the register of erasures what other silos erased: the longest a change this
    /// silo keeps in memory shows personal data another silo erased, past the follower's own reads.</summary>
    public static readonly TimeSpan ErasureCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>How far back each check reads the register: well past the longest an erasure's transaction can take
    /// (a statement under the commands' timeout), so that one committed late is still seen.</summary>
    private static readonly TimeSpan ErasureLookBack = TimeSpan.FromMinutes(2);

    private readonly IDossierChangeLog _log;
    private readonly ChangeFeedOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ChangeFeedHub> _logger;
    private readonly ChangeRing _ring;
    private readonly ChangeReadLimit _readLimit;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _following;

    public ChangeFeedHub(IDossierChangeLog log, IOptions<ChangeFeedOptions> options, TimeProvider clock, ILogger<ChangeFeedHub> logger)
    {
        _log = log;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _ring = new ChangeRing(_options.BufferedChanges, _options.BufferedBytes);
        _readLimit = new ChangeReadLimit(_options.ReadBatch, _options.ReadBytes);
        _following = new(() => Task.Run(() => FollowLog(_stopping.Token)));
    }

    /// <summary>Readers end with the silo, before its grains stop.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ChangeFeedHub), ServiceLifecycleStage.Active, _ => Task.CompletedTask, Stop);

    public void Dispose() => _stopping.Dispose();

    public async IAsyncEnumerable<CommittedChange> Follow(ChangeCursor cursor, UnitScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        _ = _following.Value;
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var token = reading.Token;
        var position = cursor.After;
        var sent = false;
        // The reader's own position is read from the log first, which checks it is of the database's history; the ring
        // compares positions, never tells whether one is of its history.
        var checkedByLog = false;
        while (true)
        {
            while (!checkedByLog || _ring.SequenceAfter(position) is null)
            {
                var batch = await _log.Read(position, scope, _readLimit, token);
                checkedByLog = true;
                foreach (var change in batch.Changes.Where(change => cursor.Wants(change.Position)))
                {
                    sent = true;
                    yield return change;
                }
                position = batch.ReadThrough > position ? batch.ReadThrough : position;
                if (!batch.Full && _ring.SequenceAfter(position) is null)
                {
                    // Caught up with the log before the ring holds this position (it is starting): it will shortly.
                    await Task.Delay(_options.PollInterval, _clock, token);
                }
            }
            var sequence = _ring.SequenceAfter(position)!.Value;
            var lapped = false;
            while (!lapped)
            {
                var appended = _ring.NextAppend;
                var any = false;
                ChangeRing.RingRead read;
                while ((read = _ring.Read(sequence, out var change)) == ChangeRing.RingRead.Read)
                {
                    sequence++;
                    any = true;
                    if (change.Position > position)
                    {
                        position = change.Position;
                        if (cursor.Wants(position) && change.Path.IsIn(scope))
                        {
                            sent = true;
                            yield return change;
                        }
                    }
                }
                if (read == ChangeRing.RingRead.Restarted)
                {
                    // The log's history changed: the reader's position is checked by reading the log from it.
                    checkedByLog = false;
                    lapped = true;
                }
                else if (read == ChangeRing.RingRead.Lapped)
                {
                    // A reader that has sent something is behind its client, who resumes from what it received. One
                    // that has sent nothing was only behind this silo's threads, and its client has no position to
                    // resume from: it reads storage from where it stands instead.
                    if (sent)
                    {
                        throw new ChangeFeedLappedException(_ring.Capacity, _ring.CapacityBytes);
                    }
                    lapped = true;
                }
                else if (!any)
                {
                    await appended.WaitAsync(token);
                }
            }
        }
    }

    public bool Stopping => _stopping.IsCancellationRequested;

    public void Forget(IReadOnlyCollection<string> dossierIds) => _ring.Forget(dossierIds.ToHashSet(StringComparer.Ordinal));

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_following.IsValueCreated)
        {
            await _following.Value.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reads every new change into the ring, as soon as the log has it, until the silo stops.</summary>
    private async Task FollowLog(CancellationToken stopping)
    {
        ChangePosition? position = null;
        var failures = 0;
        var erasures = new ErasuresSeen(_clock);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (erasures.Due)
                {
                    // Read before the log, in this loop: every read of the log after it holds the erasures it learnt of.
                    var erased = erasures.New(await _log.ErasedWithin(ErasureLookBack, stopping), ErasureLookBack);
                    if (erased.Count > 0)
                    {
                        _ring.Forget(erased);
                    }
                }
                if (position is null)
                {
                    position = await _log.Frontier(stopping);
                    _ring.Start(position.Value);
                }
                else if (!_ring.Started)
                {
                    // The ring forgot an erased dossier's changes: it holds every change after what this loop read.
                    _ring.Start(position.Value);
                }
                var forgotten = _ring.Forgotten;
                var batch = await _log.Read(position.Value, UnitScope.Nation, _readLimit, stopping);
                if (!_ring.Append(batch.Changes, forgotten))
                {
                    // An erasure came while the log was read: read again, after it.
                    continue;
                }
                position = batch.ReadThrough;
                failures = 0;
                if (!batch.Full)
                {
                    await Task.Delay(_options.PollInterval, _clock, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (FeedResetException e)
            {
                // The database was restored or failed over to a standby that lacked what this silo read: start again
                // at the log's frontier, and have every reader of the ring read the log from its own position.
                LogHistoryChanged(e);
                _ring.Restart();
                position = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures++;
                LogReadFailed(e, failures);
                await Task.Delay(Backoff(failures), _clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, _options.PollInterval.Ticks << Math.Min(failures, 16)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change log's history changed under this silo's readers; they read it again from their positions, and those past what the database kept are refused with FEED_RESET")]
    private partial void LogHistoryChanged(FeedResetException exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the change log (attempt {Attempt}); the silo's change readers wait for it")]
    private partial void LogReadFailed(Exception exception, int attempt);
}
