namespace DvcGrains.Server.Grpc;

/// <summary>
/// The <c>Dvc:Lists</c> configuration section: how many List calls may read at once on one server (<see cref="ListSlots"/>),
/// and how much memory one page may take.
/// </summary>
public sealed class ListLimitOptions
{
    public const string Section = "Dvc:Lists";

    /// <summary>
    /// Lists one authenticated caller (a token's subject) may have read at once on one server: a portal's officers'
    /// work queues take milliseconds each, so a few at a time serve hundreds a second, while a caller reading
    /// provinces whole holds no more than these of the read pool.
    /// </summary>
    public int MaxConcurrentPerCaller { get; set; } = 8;

    /// <summary>
    /// Lists read at once on one server, all callers together: below <c>Dvc:Storage:Pools:Reads</c>, so that the change
    /// feed and the units' recounts always find a connection.
    /// </summary>
    public int MaxConcurrent { get; set; } = 32;

    /// <summary>
    /// The memory one page may take (<see cref="Domain.Dossiers.MemoryEstimate"/>): a page of large dossiers ends before
    /// its size, after the dossier that reaches this, and its token goes on from there. A page of 1,000 dossiers as
    /// portals file them takes a few megabytes; 1,000 with components at the edge's bounds would take 800 MB.
    /// </summary>
    public long PageBytes { get; set; } = 4L * 1024 * 1024;
}
