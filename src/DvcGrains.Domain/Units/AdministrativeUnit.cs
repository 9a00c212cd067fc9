namespace DvcGrains.Domain.Units;

/// <summary>
/// An administrative unit (đơn vị hành chính). <see cref="Code"/> is the statistics office's code, the only key to
/// match on; the nation is <see cref="NationCode"/> and has no parent.
/// </summary>
public sealed record AdministrativeUnit(string Code, string Name, UnitLevel Level, string? ParentCode)
{
    public const string NationCode = "VN";

    public static AdministrativeUnit Nation { get; } = new(NationCode, "Việt Nam", UnitLevel.Nation, null);
}
