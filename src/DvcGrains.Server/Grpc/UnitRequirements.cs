using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Unit codes from requests, checked against the loaded hierarchy (UNKNOWN_UNIT otherwise). Every unit code a request
/// names is required: left empty, it is INVALID_ARGUMENT, as every required field is.
/// </summary>
public static class UnitRequirements
{
    private const string AnyUnit = "use \"VN\" or a statistics-office code that Catalog.ListUnits returns";
    private const string ReceivingUnit = "use a statistics-office code that Catalog.ListUnits returns";

    public static AdministrativeUnit Require(this UnitHierarchy units, string code, string field) =>
        units.Find(Given(code, field, AnyUnit)) ?? throw DvcErrors.Rejected(RejectionReason.UnknownUnit,
            $"{field} {QuotedInput.Of(code)} is not a unit of the {units.Edition} hierarchy; {AnyUnit}.", field);

    /// <summary>A unit that has counters: a unit of the hierarchy, or the part of the nation outside it.</summary>
    public static AdministrativeUnit RequireCounted(this UnitHierarchy units, string code, string field) =>
        code == AdministrativeUnit.OutsideCode ? AdministrativeUnit.Outside : units.Require(code, field);

    /// <summary>A unit with a one-stop desk: a province, district or commune, not the nation.</summary>
    public static AdministrativeUnit RequireReceiving(this UnitHierarchy units, string code, string field)
    {
        var unit = units.Find(Given(code, field, ReceivingUnit));
        return unit is not null && unit.Level != UnitLevel.Nation
            ? unit
            : throw DvcErrors.Rejected(RejectionReason.UnknownUnit,
                $"{field} {QuotedInput.Of(code)} is not a province, district or commune of the {units.Edition} hierarchy; {ReceivingUnit}.", field);
    }

    private static string Given(string code, string field, string advice) =>
        string.IsNullOrEmpty(code) ? throw DvcErrors.InvalidArgument(field, $"{field} is required: {advice}.") : code;
}
