using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;

namespace DvcGrains.Server.Grpc;

/// <summary>Unit codes from requests, checked against the loaded hierarchy (UNKNOWN_UNIT otherwise).</summary>
public static class UnitRequirements
{
    public static AdministrativeUnit Require(this UnitHierarchy units, string code, string field) =>
        units.Find(code) ?? throw DvcErrors.Rejected(RejectionReason.UnknownUnit, EdgeMessages.UnknownUnit.With(field, QuotedInput.Of(code), units.Edition), field);

    /// <summary>A unit that has counters: a unit of the hierarchy, or the part of the nation outside it.</summary>
    public static AdministrativeUnit RequireCounted(this UnitHierarchy units, string code, string field) =>
        code == AdministrativeUnit.OutsideCode ? AdministrativeUnit.Outside : units.Require(code, field);

    /// <summary>A unit with a one-stop desk: a province, district or commune, not the nation.</summary>
    public static AdministrativeUnit RequireReceiving(this UnitHierarchy units, string code, string field)
    {
        var unit = units.Find(code);
        return unit is not null && unit.Level != UnitLevel.Nation
            ? unit
            : throw DvcErrors.Rejected(RejectionReason.UnknownUnit, EdgeMessages.NotReceivingUnit.With(field, QuotedInput.Of(code), units.Edition), field);
    }
}
