namespace DvcGrains.Driver;

/// <summary>The managed heap after full, compacting collections: what the process really holds.</summary>
public static class MemoryProbe
{
    public static long HeldBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
