using DvcGrains.Abstractions.Dossiers.Changes;

namespace DvcGrains.Grains.Dossiers.Changes;

/// <summary>
/// The latest changes of every unit, in feed order, numbered by the order they were appended: what the silo's readers
/// share once they have caught up. Bounded by count and in bytes (<see cref="CommittedChange.Bytes"/>): appending past
/// either drops the oldest changes, keeping at least the newest, and a reader that still needed one is told
/// (<see cref="RingRead.Lapped"/>).
/// </summary>
internal sealed class ChangeRing(int capacity, long capacityBytes)
{
    private readonly CommittedChange?[] _changes = new CommittedChange?[capacity];
    private readonly Lock _lock = new();
    private long _next;
    private long _oldest;
    private long _bytes;
    private long _restartedBefore;
    private ChangePosition? _boundary;
    private long _forgotten;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next append after it was read.</summary>
    public Task NextAppend
    {
        get
        {
            lock (_lock)
            {
                return _appended.Task;
            }
        }
    }

    /// <summary>Starts the ring at a frontier of the log: it will hold every change after it.</summary>
    public void Start(ChangePosition frontier)
    {
        lock (_lock)
        {
            _boundary = frontier;
        }
    }

    /// <summary>Whether the ring was <see cref="Start"/>ed and holds every change after its boundary.</summary>
    public bool Started
    {
        get
        {
            lock (_lock)
            {
                return _boundary is not null;
            }
        }
    }

    /// <summary>How many times <see cref="Forget"/> was called: a read of the log begun before it may hold what it forgot.</summary>
    public long Forgotten
    {
        get
        {
            lock (_lock)
            {
                return _forgotten;
            }
        }
    }

    /// <summary>
    /// Appends changes read from the log after <see cref="Forgotten"/> read <paramref name="forgottenBeforeTheRead"/>;
    /// false, appending nothing, when the ring forgot dossiers since: the read may hold what was erased, and is made again.
    /// </summary>
    public bool Append(IReadOnlyList<CommittedChange> changes, long forgottenBeforeTheRead)
    {
        TaskCompletionSource appended;
        lock (_lock)
        {
            if (_forgotten != forgottenBeforeTheRead)
            {
                return false;
            }
            if (changes.Count == 0)
            {
                return true;
            }
            foreach (var change in changes)
            {
                if (_next - _oldest == capacity)
                {
                    DropOldest();
                }
                _changes[(int)(_next % capacity)] = change;
                _bytes += change.Bytes;
                _next++;
                while (_bytes > capacityBytes && _next - _oldest > 1)
                {
                    DropOldest();
                }
            }
            appended = _appended;
            _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        appended.SetResult();
        return true;
    }

    /// <summary>
    /// The personal data of these dossiers were erased: when the ring holds a change of one of them, it forgets every
    /// change as <see cref="Restart"/> does (its readers read the log again, which holds them erased) and waits to be
    /// started again; erasures of dossiers it holds nothing of (old ones, as retention erases) cost its readers nothing.
    /// </summary>
    public void Forget(IReadOnlySet<string> dossierIds)
    {
        bool holds;
        lock (_lock)
        {
            _forgotten++;
            holds = false;
            for (var sequence = _oldest; sequence < _next && !holds; sequence++)
            {
                holds = dossierIds.Contains(_changes[(int)(sequence % capacity)]!.Dossier.DossierId);
            }
        }
        if (holds)
        {
            Restart();
        }
    }

    /// <summary>What the ring's changes take (<see cref="CommittedChange.Bytes"/>).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>
    /// The number of the first change after <paramref name="position"/> that the ring holds or will hold; null when it
    /// cannot tell that it has every change after that position (not started, or the position is older than it keeps).
    /// </summary>
    public long? SequenceAfter(ChangePosition position)
    {
        lock (_lock)
        {
            if (_boundary is not { } boundary || position < boundary)
            {
                return null;
            }
            var (low, high) = (_oldest, _next);
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (_changes[(int)(middle % capacity)]!.Position <= position)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            return low;
        }
    }

    /// <summary>
    /// Forgets every change: the log's history changed under them (<see cref="FeedResetException"/>). Every reader is
    /// told (<see cref="RingRead.Restarted"/>) and goes back to reading the log from its position, which the log checks;
    /// the ring holds changes again once <see cref="Start"/>ed anew.
    /// </summary>
    public void Restart()
    {
        TaskCompletionSource appended;
        lock (_lock)
        {
            _boundary = null;
            Array.Clear(_changes);
            _bytes = 0;
            _oldest = _restartedBefore = _next += capacity;
            appended = _appended;
            _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        appended.SetResult();
    }

    public int Capacity => capacity;

    public long CapacityBytes => capacityBytes;

    /// <summary>The change numbered <paramref name="sequence"/>, if the ring holds it yet and still.</summary>
    public RingRead Read(long sequence, out CommittedChange change)
    {
        lock (_lock)
        {
            change = null!;
            if (sequence < _restartedBefore)
            {
                return RingRead.Restarted;
            }
            if (sequence < _oldest)
            {
                return RingRead.Lapped;
            }
            if (sequence >= _next)
            {
                return RingRead.NotYet;
            }
            change = _changes[(int)(sequence % capacity)]!;
            return RingRead.Read;
        }
    }

    /// <summary>The oldest change goes: the ring holds every change after it, and no longer it.</summary>
    private void DropOldest()
    {
        var slot = (int)(_oldest % capacity);
        var oldest = _changes[slot]!;
        _boundary = oldest.Position;
        _bytes -= oldest.Bytes;
        _changes[slot] = null;
        _oldest++;
    }

    public enum RingRead
    {
        Read,
        NotYet,
        /// <summary>The ring no longer holds it: appends overtook the reader.</summary>
        Lapped,
        /// <summary>The ring forgot it when the log's history changed: the reader reads the log from its position.</summary>
        Restarted,
    }
}
