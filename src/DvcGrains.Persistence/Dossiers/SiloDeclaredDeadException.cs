namespace DvcGrains.Persistence.Dossiers;

/// <summary>A commit found its silo declared dead by the cluster (<see cref="CommitFence"/>) and wrote nothing.</summary>
public sealed class SiloDeclaredDeadException : Exception
{
    public SiloDeclaredDeadException()
        : base("The cluster has declared this silo dead, so it commits nothing more; nothing was written: retry with the same request_id, another silo serves the dossier.")
    {
    }

    public SiloDeclaredDeadException(string message) : base(message)
    {
    }

    public SiloDeclaredDeadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
