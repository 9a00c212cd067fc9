using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Edge;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Unit codes from requests, checked against the loaded hierarchy (UNKNOWN_UNIT otherwise). Every unit code a request
/// names is required: left empty, it is INVALID_ARGUMENT, as every required field is.
/// </summary>
public static class UnitRequirements
{
    public static AdministrativeUnit Require(this UnitHierarchy units, string code, string field) =>
        units.Find(Given(code, field, EdgeMessages.UnitRequired)) ?? throw DvcErrors.Rejected(RejectionReason.UnknownUnit, EdgeMessages.UnknownUnit.With(field, QuotedInput.Of(code), units.Edition), field);

    /// <summary>A unit that has counters: a unit of the hierarchy, or the part of the nation outside it.</summary>
    public static AdministrativeUnit RequireCounted(this UnitHierarchy units, string code, string field) =>
        code == AdministrativeUnit.OutsideCode ? AdministrativeUnit.Outside : units.Require(code, field);

    /// <summary>A unit that receives dossiers (<see cref="AdministrativeUnit.ReceivesDossiers"/>).</summary>
    public static AdministrativeUnit RequireReceiving(this UnitHierarchy units, string code, string field)
    {
        var unit = units.Find(Given(code, field, EdgeMessages.ReceivingUnitRequired));
        return unit is { ReceivesDossiers: true }
            ? unit
            : throw DvcErrors.Rejected(RejectionReason.UnknownUnit, EdgeMessages.NotReceivingUnit.With(field, QuotedInput.Of(code), units.Edition), field);
    }

    private static string Given(string code, string field, MessageTemplate required) =>
        string.IsNullOrEmpty(code) ? throw DvcErrors.InvalidArgument(field, required.With(field)) : code;
}
