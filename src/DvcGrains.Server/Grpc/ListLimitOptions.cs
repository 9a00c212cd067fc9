namespace DvcGrains.Server.Grpc;

/// <summary>The <c>Dvc:Lists</c> configuration section: how many List calls may read at once on one server (<see cref="ListSlots"/>).</summary>
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
}
