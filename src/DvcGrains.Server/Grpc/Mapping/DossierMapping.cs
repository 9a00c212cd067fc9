using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Server.Security;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc.Mapping;

public static class DossierMapping
{
    /// <summary>
    /// The dossier as a command's reply and Get show it, to a portal of its unit: with the look-up code its receipt
    /// prints.
    /// </summary>
    public static V1.Dossier ToProto(this DossierState state, DateTimeOffset now, IReadOnlyList<DossierHistoryEntry>? history = null)
    {
        var dossier = DossierSummary.Of(state).ToProto(now, history);
        dossier.LookupCode = state.LookupCode;
        return dossier;
    }

    /// <summary>
    /// The dossier as lists and the change feed show it, its timeliness judged at <paramref name="now"/>: without the
    /// look-up code, which these copies to many readers would spread (decision 28).
    /// </summary>
    public static V1.Dossier ToProto(this DossierSummary summary, DateTimeOffset now, IReadOnlyList<DossierHistoryEntry>? history = null)
    {
        var dossier = new V1.Dossier
        {
            DossierId = summary.DossierId,
            Version = summary.Version,
            Status = summary.Status.ToProto(),
            UnitCode = summary.UnitCode,
            ProcedureCode = summary.ProcedureCode,
            Channel = summary.Channel.ToProto(),
            ApplicantType = summary.ApplicantType.ToProto(),
            VneidAuthenticated = summary.VneidAuthenticated,
            SubmittedAt = ProtoTime.ToProto(summary.SubmittedAt),
            ReceivedAt = ProtoTime.ToProto(summary.ReceivedAt),
            AppointmentAt = ProtoTime.ToProto(summary.Appointment),
            FinishedAt = ProtoTime.ToProto(summary.FinishedAt),
            ReturnedAt = ProtoTime.ToProto(summary.ReturnedAt),
            SupplementRequests = summary.SupplementRequests,
            PausedSeconds = summary.PausedSeconds,
            Timeliness = summary.TimelinessAt(now).ToProto(),
            FeeDueVnd = summary.FeeDueVnd,
            PaidVnd = summary.PaidVnd,
            PaidOnline = summary.PaidOnline,
            ElectronicResult = summary.ElectronicResult,
            SyncedToNationalPortal = summary.SyncedToNationalPortal,
            Rated = summary.Rated,
            Satisfied = summary.Satisfied,
            Apologies = summary.Apologies,
            PersonalDataErased = summary.PersonalDataErasedAt is not null,
        };
        dossier.Components.AddRange(summary.Components.Select(ToProto));
        if (history is not null)
        {
            dossier.History.AddRange(history.Select(ToProto));
        }
        return dossier;
    }

    /// <summary>
    /// The dossier as a caller that receives <paramref name="fields"/> gets it from a read (List, the change feed, Get):
    /// withheld, its components keep their count and flags without their names, its history names no officer and
    /// carries no note (free text), the look-up code is left out, and the copy says it left them out.
    /// </summary>
    public static V1.Dossier ForRecipient(this V1.Dossier dossier, PersonalFields fields)
    {
        if (fields == PersonalFields.Withheld)
        {
            foreach (var component in dossier.Components)
            {
                component.Name = "";
            }
            foreach (var entry in dossier.History)
            {
                entry.WithoutPersonalFields();
            }
            dossier.LookupCode = "";
            dossier.PersonalDataWithheld = true;
        }
        return dossier;
    }

    /// <summary>What a call's copies of dossiers carry, from its caller's roles: decided once a call.</summary>
    public static PersonalFields PersonalFieldsFor(Caller caller) =>
        caller.Roles.Contains(DvcRole.DossiersPersonal) ? PersonalFields.Given : PersonalFields.Withheld;

    public static V1.Component ToProto(this DossierComponent component) => new()
    {
        Name = component.Name,
        Digitized = component.Digitized,
        ReusedData = component.ReusedData,
        FromCitizenStore = component.FromCitizenStore,
    };

    public static DossierComponent ToDomain(this V1.Component component) =>
        new(component.Name, component.Digitized, component.ReusedData, component.FromCitizenStore);

    /// <summary>A change of the feed, to a caller that receives <paramref name="fields"/>: the command, and the dossier as it left it.</summary>
    public static V1.DossierChange ToProto(this CommittedChange change, string position, DateTimeOffset now, PersonalFields fields)
    {
        var message = new V1.DossierChange
        {
            Position = position,
            Dossier = change.Dossier.ToProto(now).ForRecipient(fields),
            Event = ToProto(change.Event),
        };
        if (fields == PersonalFields.Withheld)
        {
            message.Event.WithoutPersonalFields();
        }
        return message;
    }

    /// <summary>An event without the officer who acted and its note (free text); <c>caller</c> names a portal and stays.</summary>
    private static void WithoutPersonalFields(this V1.DossierEvent entry)
    {
        entry.Actor = "";
        entry.Note = "";
    }

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
