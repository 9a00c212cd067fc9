namespace DvcGrains.Domain.Units;

/// <summary>
/// An administrative unit (đơn vị hành chính). <see cref="Code"/> is the statistics office's code, the only key to
/// match on; the nation is <see cref="NationCode"/> and has no parent.
/// </summary>
public sealed record AdministrativeUnit(string Code, string Name, UnitLevel Level, string? ParentCode)
{
    public const string NationCode = "VN";

    /// <summary>
    /// Not a unit of any hierarchy: where the KPIs of dossiers received by units the loaded hierarchy no longer has,
    /// and that no mapping gives a successor, are counted, under the nation (see <see cref="UnitMapping"/>).
    /// </summary>
    public const string OutsideCode = "OUTSIDE";

    /// <summary>The unit has a one-stop desk (bộ phận một cửa) that receives dossiers: a province, district or commune, not the nation.</summary>
    public bool ReceivesDossiers => Level != UnitLevel.Nation;

    public static AdministrativeUnit Nation { get; } = new(NationCode, "Việt Nam", UnitLevel.Nation, null);

    /// <summary>Reported beside the provinces, as the nation's part that no unit of the hierarchy holds.</summary>
    public static AdministrativeUnit Outside { get; } =
        new(OutsideCode, "Đơn vị ngoài danh mục hiện hành (units outside the hierarchy)", UnitLevel.Province, NationCode);
}
