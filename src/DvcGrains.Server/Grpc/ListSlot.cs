namespace DvcGrains.Server.Grpc;

/// <summary>One list's slot among <see cref="ListSlots"/>; disposing it gives it back, once.</summary>
public sealed class ListSlot(Action release) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
