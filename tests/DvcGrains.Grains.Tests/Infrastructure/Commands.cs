using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>Commands as a portal would send them, for grain tests.</summary>
public static class Commands
{
    /// <summary>A day-based procedure of the shipped catalog.</summary>
    public static readonly Procedure DayProcedure = ShippedData.Catalog.All.First(p => p.ProcessingWorkingDays >= 3);

    public static string NewDossierId() => $"T-{Guid.NewGuid():N}"[..30];

    /// <summary>
    /// A command from a caller that may act for every unit (a server without authentication); its fingerprint is the
    /// command's, as a portal's retry resends it.
    /// </summary>
    public static CommandEnvelope Envelope(DossierCommand command, long expectedVersion = 0, string? requestId = null) =>
        new(requestId ?? Guid.NewGuid().ToString("N"), expectedVersion, command,
            RequestFingerprint.Of(System.Text.Encoding.UTF8.GetBytes(command.ToString())), CallerScope.Everything);

    public static Submit Submit(string dossierId, string unitCode, Channel channel, DateTimeOffset at) =>
        new("officer", at, dossierId, unitCode, DayProcedure.Code, channel, ApplicantType.Citizen, VneidAuthenticated: false,
            [new DossierComponent("Tờ khai", Digitized: true, ReusedData: false, FromCitizenStore: false)], SyncedToNationalPortal: true);

    public static DossierState Applied(this DossierReply reply) =>
        reply.Dossier ?? throw new Xunit.Sdk.XunitException($"Expected the command to apply, got {reply.Rejection}.");
}
