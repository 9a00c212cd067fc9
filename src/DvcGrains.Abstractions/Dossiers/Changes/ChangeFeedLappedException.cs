namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>A reader fell further behind the silo's feed than the silo keeps: it must reconnect from its position.</summary>
public sealed class ChangeFeedLappedException(int bufferedChanges, long bufferedBytes)
    : Exception($"The reader fell further behind the live feed than the {bufferedChanges} changes, at most {bufferedBytes / (1024 * 1024)} MiB of them, that the silo keeps.")
{
    public int BufferedChanges { get; } = bufferedChanges;

    public long BufferedBytes { get; } = bufferedBytes;
}
