namespace DvcGrains.Abstractions.Dossiers;

/// <summary>Why a dossier's personal data were erased: a request (the citizen's, a court's) or the retention policy.</summary>
public enum ErasureCause
{
    Request = 1,
    Retention = 2,
}
