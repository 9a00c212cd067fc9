using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// Dossiers of every kind a list tells apart, filed into a server of their own: open and ended, overdue and within
/// deadline, early and late, each channel, two procedures, synced or not, in three communes of two provinces and at a
/// province's own desk, some submitted at the same instant. <see cref="Now"/> reads them back as Get shows them.
/// </summary>
public sealed class SampleDossiers
{
    public const string Province = "96";
    public const string OtherProvince = "79";
    public const int Count = 48;

    private readonly Dictionary<string, string> _provinceOf = new(StringComparer.Ordinal);

    private SampleDossiers(RunningServer server, IReadOnlyList<string> units, IReadOnlyList<string> procedures)
    {
        Server = server;
        Units = units;
        Procedures = procedures;
    }

    public RunningServer Server { get; }

    /// <summary>Two communes of <see cref="Province"/>, one of <see cref="OtherProvince"/>, and <see cref="Province"/> itself.</summary>
    public IReadOnlyList<string> Units { get; }

    public IReadOnlyList<string> Procedures { get; }

    public IReadOnlyList<string> Ids => [.. _provinceOf.Keys];

    public string ProvinceOf(string dossierId) => _provinceOf[dossierId];

    public static async Task<SampleDossiers> File(RunningServer server)
    {
        var communes = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = Province })).Units.Take(2).Select(u => u.Code);
        var other = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = OtherProvince })).Units[0].Code;
        var procedures = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures
            .Where(p => p.ProcessingWorkingDays >= 3 && p.ProcessingHours == 0).Take(2).Select(p => p.Code).ToList();
        var sample = new SampleDossiers(server, [.. communes, other, Province], procedures);
        var longAgo = VietnamTime.At(VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(-45), new TimeOnly(9, 0));
        var recently = DateTimeOffset.UtcNow.AddHours(-3);
        await Task.WhenAll(Enumerable.Range(0, Count).Select(i => sample.FileOne(i, (i / 8 % 2 == 0 ? longAgo : recently).AddMinutes(i / 4))));
        return sample;
    }

    /// <summary>Every sample dossier as Get shows it now.</summary>
    public async Task<IReadOnlyList<Dossier>> Now() =>
        await Task.WhenAll(Ids.Select(id => Server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync));

    private async Task FileOne(int i, DateTimeOffset at)
    {
        var id = $"RS-{i:D2}-{Guid.NewGuid():N}"[..24];
        var unit = i % 5 == 4 ? Province : Units[i % 3];
        lock (_provinceOf)
        {
            _provinceOf[id] = unit == Units[2] ? OtherProvince : Province;
        }
        var dossiers = Server.Dossiers;
        var variant = i % 8;
        var channel = variant switch { 1 or 3 => Channel.Online, 6 => Channel.Postal, _ => Channel.InPerson };
        await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, at), UnitCode = unit, ProcedureCode = Procedures[i % 3 == 0 ? 1 : 0], Channel = channel,
            Components = { new Component { Name = $"Tờ khai {i}", Digitized = i % 2 == 0 } },
            SyncedToNationalPortal = i % 16 == 1,
        });
        var step = 0;
        Task Next(Func<CommandMeta, Task> command) => command(Meta(id, at.AddMinutes(10 * ++step)));
        switch (variant)
        {
            case 1 when i % 16 == 9:
                await Next(meta => dossiers.ReceiveAsync(new ReceiveRequest { Meta = meta }).ResponseAsync);
                break;
            case 2:
                await Next(meta => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = meta }).ResponseAsync);
                await Next(meta => dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = meta, ResultCode = "KQ" }).ResponseAsync);
                break;
            case 3:
                await Next(meta => dossiers.RefuseAsync(new ReasonRequest { Meta = meta, Reason = "Không đủ điều kiện" }).ResponseAsync);
                break;
            case 4:
                await Next(meta => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = meta }).ResponseAsync);
                await Next(meta => dossiers.RequestSupplementAsync(new ReasonRequest { Meta = meta, Reason = "Thiếu giấy tờ" }).ResponseAsync);
                break;
            case 5:
                await Next(meta => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = meta }).ResponseAsync);
                // Long past the deadline for the dossiers filed long ago: LATE; early for the recent ones.
                var finishAt = at.AddDays(20) < DateTimeOffset.UtcNow ? at.AddDays(20) : at.AddMinutes(30);
                await dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, finishAt), ResultCode = "KQ" });
                break;
            case 6:
                await Next(meta => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = meta }).ResponseAsync);
                await Next(meta => dossiers.RequestWithdrawalAsync(new ReasonRequest { Meta = meta, Reason = "Người dân rút" }).ResponseAsync);
                await Next(meta => dossiers.StopProcessingAsync(new ReasonRequest { Meta = meta, Reason = "Đã rút" }).ResponseAsync);
                break;
            case 7:
                await Next(meta => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = meta }).ResponseAsync);
                await Next(meta => dossiers.MarkSyncedAsync(new MarkSyncedRequest { Meta = meta }).ResponseAsync);
                await Next(meta => dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = meta, ResultCode = "KQ" }).ResponseAsync);
                await Next(meta => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = meta }).ResponseAsync);
                break;
        }
    }

    /// <summary>A dossier as Get shows it, as lists and the change feed show it: without its look-up code (decision 28).</summary>
    public static Dossier AsListed(Dossier got)
    {
        var listed = got.Clone();
        listed.LookupCode = "";
        return listed;
    }

    /// <summary>Processing ended: finished, stopped or refused (a withdrawal may follow a finish).</summary>
    public static bool Ended(Dossier dossier) =>
        dossier.Status is DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Finished or DossierStatus.Returned
        || (dossier.Status == DossierStatus.WithdrawalRequested && dossier.FinishedAt is not null);

    /// <summary>The contract's filters, read off the dossiers as Get shows them: what a list must return.</summary>
    public IReadOnlyList<string> Expected(IEnumerable<Dossier> dossiers, ListDossiersRequest request)
    {
        bool InUnit(Dossier d) => request.UnitCode switch
        {
            "VN" => true,
            Province or OtherProvince => ProvinceOf(d.DossierId) == request.UnitCode,
            _ => d.UnitCode == request.UnitCode,
        };
        var matching = dossiers.Where(d => InUnit(d)
            && (request.Statuses.Count == 0 || request.Statuses.Contains(d.Status))
            && (request.Timeliness.Count == 0 || request.Timeliness.Contains(d.Timeliness))
            && (request.DueBefore is null || (!Ended(d) && d.AppointmentAt is not null && d.AppointmentAt.ToDateTimeOffset() < request.DueBefore.ToDateTimeOffset()))
            && (request.SubmittedFrom is null || d.SubmittedAt.ToDateTimeOffset() >= request.SubmittedFrom.ToDateTimeOffset())
            && (request.SubmittedBefore is null || d.SubmittedAt.ToDateTimeOffset() < request.SubmittedBefore.ToDateTimeOffset())
            && (request.ProcedureCode.Length == 0 || d.ProcedureCode == request.ProcedureCode)
            && (request.Channel == Channel.Unspecified || d.Channel == request.Channel)
            && (!request.NotSynced || !d.SyncedToNationalPortal));
        return request.Order == DossierOrder.MostUrgentFirst
            ? [.. matching.OrderBy(d => d.AppointmentAt?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue).ThenBy(d => d.DossierId, StringComparer.Ordinal).Select(d => d.DossierId)]
            : [.. matching.OrderByDescending(d => d.SubmittedAt.ToDateTimeOffset()).ThenByDescending(d => d.DossierId, StringComparer.Ordinal).Select(d => d.DossierId)];
    }

    /// <summary>Every page of a list, page_size at a time, following next_page_token.</summary>
    public static async Task<IReadOnlyList<Dossier>> AllPages(Dossiers.DossiersClient client, ListDossiersRequest request, int pageSize)
    {
        var listed = new List<Dossier>();
        var page = request.Clone();
        page.PageSize = pageSize;
        for (var pages = 0; pages <= Count + 1; pages++)
        {
            var reply = await client.ListAsync(page);
            Assert.True(reply.Dossiers.Count <= pageSize, $"a page of size {pageSize} held {reply.Dossiers.Count}");
            listed.AddRange(reply.Dossiers);
            if (reply.NextPageToken.Length == 0)
            {
                return listed;
            }
            page.PageToken = reply.NextPageToken;
        }
        throw new InvalidOperationException("The list did not end.");
    }

    public static Timestamp At(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);
}
