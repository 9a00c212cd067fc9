using DvcGrains.Domain.Dossiers;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class DossierMapping
{
    public static V1.Dossier ToProto(this DossierState state, DateTimeOffset now, IReadOnlyList<DossierHistoryEntry>? history = null)
    {
        var dossier = new V1.Dossier
        {
            DossierId = state.DossierId,
            Version = state.Version,
            Status = state.Status.ToProto(),
            UnitCode = state.UnitCode,
            ProcedureCode = state.ProcedureCode,
            Channel = state.Channel.ToProto(),
            ApplicantType = state.ApplicantType.ToProto(),
            VneidAuthenticated = state.VneidAuthenticated,
            SubmittedAt = ProtoTime.ToProto(state.SubmittedAt),
            ReceivedAt = ProtoTime.ToProto(state.ReceivedAt),
            AppointmentAt = ProtoTime.ToProto(state.Appointment),
            FinishedAt = ProtoTime.ToProto(state.FinishedAt),
            ReturnedAt = ProtoTime.ToProto(state.ReturnedAt),
            SupplementRequests = state.SupplementRequests,
            PausedSeconds = state.PausedSeconds,
            Timeliness = state.TimelinessAt(now).ToProto(),
            FeeDueVnd = state.FeeDueVnd,
            PaidVnd = state.PaidVnd,
            PaidOnline = state.PaidOnline,
            ElectronicResult = state.ElectronicResult,
            SyncedToNationalPortal = state.SyncedToNationalPortal,
            Rated = state.Rated,
            Satisfied = state.Satisfied,
            Apologies = state.Apologies,
        };
        dossier.Components.AddRange(state.Components.Select(ToProto));
        if (history is not null)
        {
            dossier.History.AddRange(history.Select(ToProto));
        }
        return dossier;
    }

    public static V1.Component ToProto(this DossierComponent component) => new()
    {
        Name = component.Name,
        Digitized = component.Digitized,
        ReusedData = component.ReusedData,
        FromCitizenStore = component.FromCitizenStore,
    };

    public static DossierComponent ToDomain(this V1.Component component) =>
        new(component.Name, component.Digitized, component.ReusedData, component.FromCitizenStore);

    private static V1.DossierEvent ToProto(DossierHistoryEntry entry) => new()
    {
        Version = entry.Version,
        Command = entry.Command,
        Status = entry.Status.ToProto(),
        At = ProtoTime.ToProto(entry.At),
        Actor = entry.Actor,
        Note = entry.Note,
        Caller = entry.Caller,
    };
}
