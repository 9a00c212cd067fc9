namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// How many of a pipeline's lanes' connections broke so far: a lane whose connection opened before the last loss opens
/// a new one, as the database may have restarted meanwhile (<see cref="CommitConnection"/>).
/// </summary>
internal sealed class LostConnections
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
