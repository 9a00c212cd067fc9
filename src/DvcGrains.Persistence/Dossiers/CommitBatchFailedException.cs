namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// A batch that <see cref="CommitConnection"/> failed to commit, and what became of it: its <see cref="Kind"/> is the
/// label the failure is counted under, its <see cref="Outcome"/> what the log says of the batch.
/// </summary>
internal sealed class CommitBatchFailedException : Exception
{
    private CommitBatchFailedException(string kind, string outcome, Exception cause, PostgresBackend? unknownOn)
        : base(cause.Message, cause)
    {
        Kind = kind;
        Outcome = outcome;
        UnknownOn = unknownOn;
    }

    public string Kind { get; }

    public string Outcome { get; }

    /// <summary>The failure as the database or the connection reported it.</summary>
    public Exception Cause => InnerException!;

    /// <summary>
    /// For a batch sent whose outcome is unknown, the backend that ran it: its transaction has committed or never will
    /// once that backend is gone. Null when nothing of the batch was committed.
    /// </summary>
    public PostgresBackend? UnknownOn { get; }

    /// <summary>The batch never left: no connection, or the statement could not be prepared or bound.</summary>
    public static CommitBatchFailedException Unsent(Exception cause) => new("unsent", "nothing was sent", cause, null);

    /// <summary>No synchronous standby streams and one is required (<c>Dvc:Storage:RequireSynchronousStandby</c>): nothing was sent.</summary>
    public static CommitBatchFailedException NoStandby(string refusal) =>
        new("standby", "nothing was sent: no synchronous standby", new InvalidOperationException(refusal), null);

    /// <summary>The database refused the statement and rolled its transaction back.</summary>
    public static CommitBatchFailedException Statement(Exception cause) => new("statement", "nothing was committed", cause, null);

    /// <summary>The cluster had declared this silo dead, and the statement wrote nothing (<see cref="CommitFence"/>).</summary>
    public static CommitBatchFailedException Fenced(Exception cause) =>
        new("fenced", "nothing was committed: the cluster declared this silo dead", cause, null);

    /// <summary>
    /// After the batch was sent, the connection broke (<paramref name="kind"/> <c>connection</c>), no reply came in
    /// time (<c>timeout</c>), the database sent a notice as it committed (<c>notice</c>), the silo stopped past its
    /// drain timeout and left the batch behind (<c>stopping</c>), or anything else went wrong (<c>unexpected</c>).
    /// </summary>
    public static CommitBatchFailedException Unknown(string kind, Exception cause, PostgresBackend backend) =>
        new(kind, "the units of the batch recount once its backend is gone and what it committed is durable", cause, backend);
}
