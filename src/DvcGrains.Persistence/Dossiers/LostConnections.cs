namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// How many times so far a lane of a pipeline lost its connection or could not open one: a lane whose connection opened
/// before the last loss opens a new one, as the database may have restarted meanwhile (<see cref="CommitConnection"/>).
/// </summary>
internal sealed class LostConnections
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
