namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>A reader fell further behind the silo's feed than the silo keeps: it must reconnect from its position.</summary>
public sealed class ChangeFeedLappedException(int bufferedChanges)
    : Exception($"The reader fell more than {bufferedChanges} changes behind the live feed.")
{
    public int BufferedChanges { get; } = bufferedChanges;
}
