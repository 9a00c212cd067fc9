namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// Storage failed during a commit: the write may or may not be durable. The writer's view of the dossier is stale
/// until it reads it again, and a retry with the same request id tells what happened.
/// </summary>
[GenerateSerializer]
public class DossierStoreUnavailableException : Exception
{
    public DossierStoreUnavailableException()
    {
    }

    public DossierStoreUnavailableException(string message) : base(message)
    {
    }

    public DossierStoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
