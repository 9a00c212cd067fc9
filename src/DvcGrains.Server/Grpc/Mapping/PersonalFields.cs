using DvcGrains.Server.Security;

namespace DvcGrains.Server.Grpc.Mapping;

/// <summary>
/// Whether the copies of dossiers one call sends (a list's page, the change feed's changes) carry their personal
/// fields: only to a caller whose work needs them, one with the role <see cref="DvcRole.DossiersPersonal"/> (decision 39).
/// </summary>
public enum PersonalFields
{
    Given,
    Withheld,
}
