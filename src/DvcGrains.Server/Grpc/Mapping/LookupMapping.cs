using DvcGrains.Domain.Dossiers.Lookup;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class LookupMapping
{
    /// <summary>
    /// The look-up as the contract shows it, with the names a receipt prints: the procedure's from the catalog and the
    /// unit's from the hierarchy (a unit a reform removed shows its code alone).
    /// </summary>
    public static V1.DossierLookup ToProto(this DossierLookup lookup, AdministrativeUnit? unit, Procedure? procedure)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var reply = new V1.DossierLookup
        {
            DossierId = lookup.DossierId,
            PersonalDataErased = lookup.PersonalDataErased,
            Status = lookup.Status.ToProto(),
            ProcedureCode = lookup.ProcedureCode,
            ProcedureName = procedure?.Name ?? "",
            Unit = unit?.ToProto() ?? new V1.Unit { Code = lookup.UnitCode },
            SubmittedAt = ProtoTime.ToProto(lookup.SubmittedAt),
            AppointmentAt = ProtoTime.ToProto(lookup.Appointment),
            Timeliness = lookup.Timeliness.ToProto(),
        };
        reply.Steps.AddRange(lookup.Steps.Select(step => new V1.LookupStep { Status = step.Status.ToProto(), At = ProtoTime.ToProto(step.At) }));
        reply.Apologies.AddRange(lookup.Apologies.Select(slip => new V1.ApologySlip
        {
            IssuedAt = ProtoTime.ToProto(slip.IssuedAt),
            Reason = slip.Reason,
            NewAppointment = ProtoTime.ToProto(slip.NewAppointment),
        }));
        return reply;
    }
}
