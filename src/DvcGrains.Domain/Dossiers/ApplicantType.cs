namespace DvcGrains.Domain.Dossiers;

public enum ApplicantType
{
    Unspecified = 0,
    Citizen = 1,
    Enterprise = 2,
    HouseholdBusiness = 3,
}
