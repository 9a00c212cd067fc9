namespace DvcGrains.Domain.Dossiers;

/// <summary>Kênh thực hiện: how the applicant filed the dossier.</summary>
public enum Channel
{
    Unspecified = 0,
    InPerson = 1,
    Online = 2,
    Postal = 3,
}
