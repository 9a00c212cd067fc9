namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// The database does not let this silo write dossiers (decision 35): it was migrated for a newer build, or reformed to
/// another unit hierarchy, than the silo's, which is being replaced. Nothing was written; another silo can write.
/// </summary>
[GenerateSerializer]
public sealed class DossierWritesRefusedException : DossierStoreUnavailableException
{
    public DossierWritesRefusedException()
    {
    }

    public DossierWritesRefusedException(string message) : base(message)
    {
    }

    public DossierWritesRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
