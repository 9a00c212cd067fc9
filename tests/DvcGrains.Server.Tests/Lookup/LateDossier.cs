using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Lookup;

/// <summary>
/// A dossier a citizen would look up: filed online 45 days ago in a commune of province 96, received, processed, sent
/// back once for a supplement, a fee paid, synced, late, and apologised for with a new appointment a few days from
/// now, still in processing. Every text a portal sent about it besides the apology's reason is one a look-up must not
/// show.
/// </summary>
public sealed record LateDossier(string DossierId, string LookupCode, Procedure Procedure, Unit Unit, IReadOnlyList<DossierEvent> History)
{
    public const string Officer = "can-bo-mot-cua-07";
    public const string Department = "Phòng Tư pháp";
    public const string SupplementReason = "Thiếu bản sao căn cước của ông Trần Văn Bình";
    public const string ComponentName = "Tờ khai của ông Trần Văn Bình";
    public const string ApologyReason = "Hồ sơ phải xác minh thêm tại Ủy ban nhân dân xã nơi cư trú trước đây";
    public const long Fee = 150_000;

    /// <summary>What the portals sent that the look-up withholds.</summary>
    public static readonly string[] Withheld = [Officer, Department, SupplementReason, ComponentName, "150000", "150.000"];

    public DateTimeOffset SubmittedAt => History[0].At.ToDateTimeOffset();

    public DateTimeOffset NewAppointment { get; init; }

    /// <summary>A dossier id of the same length, of no dossier: its refusals are as long as the late dossier's.</summary>
    public string Missing => "LK-" + new string('0', DossierId.Length - 3);

    public static async Task<LateDossier> File(RunningServer server)
    {
        var unit = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units[0];
        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures
            .First(p => p.ProcessingWorkingDays is >= 3 and <= 10 && p.ProcessingHours == 0);
        var submitted = VietnamTime.At(VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(-45), new TimeOnly(9, 0));
        var newAppointment = VietnamTime.At(VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(5), new TimeOnly(16, 30));
        var id = $"LK-{Guid.NewGuid():N}"[..24];
        var dossiers = server.Dossiers;
        CommandMeta At(TimeSpan after)
        {
            var meta = Meta(id, submitted + after);
            meta.Actor = Officer;
            return meta;
        }

        var code = (await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = At(TimeSpan.Zero), UnitCode = unit.Code, ProcedureCode = procedure.Code, Channel = Channel.Online,
            Components = { new Component { Name = ComponentName, Digitized = true } },
        })).Dossier.LookupCode;
        await dossiers.ReceiveAsync(new ReceiveRequest { Meta = At(TimeSpan.FromMinutes(10)) });
        await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = At(TimeSpan.FromMinutes(20)), Department = Department });
        await dossiers.RequestSupplementAsync(new ReasonRequest { Meta = At(TimeSpan.FromDays(1)), Reason = SupplementReason });
        await dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = At(TimeSpan.FromDays(2)) });
        await dossiers.RequestPaymentAsync(new RequestPaymentRequest { Meta = At(TimeSpan.FromDays(2.1)), AmountVnd = Fee });
        await dossiers.RecordPaymentAsync(new RecordPaymentRequest { Meta = At(TimeSpan.FromDays(2.2)), AmountVnd = Fee, Method = PaymentMethod.Cash });
        await dossiers.MarkSyncedAsync(new MarkSyncedRequest { Meta = At(TimeSpan.FromDays(2.3)) });
        await dossiers.IssueApologyAsync(new IssueApologyRequest
        {
            Meta = At(TimeSpan.FromDays(30)), Reason = ApologyReason, NewAppointment = Timestamp.FromDateTimeOffset(newAppointment),
        });
        var history = (await dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true })).History;
        return new LateDossier(id, code, procedure, unit, history) { NewAppointment = newAppointment };
    }
}
