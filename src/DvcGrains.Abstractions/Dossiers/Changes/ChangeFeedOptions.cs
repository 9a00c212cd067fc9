namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>The <c>Dvc:Changes</c> configuration section: how a silo follows the change log for its readers.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "Dvc:Changes";

    /// <summary>How often the silo asks the log for new changes when the previous read found none waiting.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The latest changes the silo keeps for its readers; a reader that falls this far behind is ended and reconnects
    /// from its position, reading from storage until it catches up.
    /// </summary>
    public int BufferedChanges { get; set; } = 8_192;

    /// <summary>
    /// The most memory those changes may take (<see cref="CommittedChange.Bytes"/>): a change that would take the silo's
    /// changes past it drops the oldest, however few the silo then keeps, so that dossiers with many large components
    /// cannot fill a pod's memory with the feed.
    /// </summary>
    public long BufferedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Changes read from storage at once, by a reader catching up and by the silo following the log.</summary>
    public int ReadBatch { get; set; } = 500;

    /// <summary>
    /// The memory one such read may take: it stops after the change that reaches it (so at least one change), and every
    /// reader that catches up holds at most one read.
    /// </summary>
    public long ReadBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How long one message may wait for a reader that does not read before its stream is ended.</summary>
    public TimeSpan StalledWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
