using CsCheck;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// Every RPC driven with generated hostile input (huge, empty, control characters, far dates, extreme numbers, unknown
/// enum values) by a caller allowed everything: each call answers OK or the contract's status with the contract's
/// reason and a short one-line message, and a refused call leaves the dossier, catalog or unit as it was.
/// </summary>
public sealed class HostileInputPropertyTests(SecureServer secure) : IClassFixture<SecureServer>
{
    private const int Iterations = 60;

    /// <summary>The contract's reasons and the status each comes with.</summary>
    private static readonly Dictionary<string, StatusCode> Reasons = new()
    {
        ["INVALID_ARGUMENT"] = StatusCode.InvalidArgument,
        ["UNKNOWN_UNIT"] = StatusCode.InvalidArgument,
        ["UNKNOWN_PROCEDURE"] = StatusCode.InvalidArgument,
        ["BAD_TIME"] = StatusCode.InvalidArgument,
        ["DOSSIER_NOT_FOUND"] = StatusCode.NotFound,
        ["DOSSIER_EXISTS"] = StatusCode.AlreadyExists,
        ["ILLEGAL_TRANSITION"] = StatusCode.FailedPrecondition,
        ["VERSION_CONFLICT"] = StatusCode.Aborted,
        ["FORBIDDEN"] = StatusCode.PermissionDenied,
    };

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf("", " ", "01", "79", "VN", "00004", "1.001193", "2026-03-02", "procedures_complete", "\0", "a\nb", "\u202Eevil", "\uFFFF", "%00")),
        (3, Gen.String[0, 80]),
        (2, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int[60_000, 120_000].Select(length => new string('9', length))));

    private static readonly Gen<string> Date = Gen.Frequency(
        (3, Gen.OneOf("", "2026-03-02", "9999-12-31", "0001-01-01", "1925-06-01", "2100-01-01", "1999-12-31", "2026-02-30", "26-3-2")),
        (1, Text));

    private static readonly Gen<long> Number = Gen.Frequency(
        (2, Gen.OneOf(long.MinValue, -1L, 0L, 1L, 100_000L, 10_000_000_000_001L, long.MaxValue)),
        (1, Gen.Long));

    private static readonly Gen<int> Small = Gen.Frequency((2, Gen.OneOf(int.MinValue, -1, 0, 1, 3, 7, 11, 366, 1_000_000, int.MaxValue)), (1, Gen.Int));

    private static readonly Gen<Timestamp?> Time = Gen.Frequency(
        (1, Gen.Const((Timestamp?)null)),
        (2, Gen.OneOf(-62_135_596_800L, -1L, 0L, 253_402_300_799L, 253_402_300_800L, long.MaxValue, -1_411_000_000L, 4_102_444_800L)
            .Select(Gen.Int[-1, 1_000_000_000], (seconds, nanos) => (Timestamp?)new Timestamp { Seconds = seconds, Nanos = nanos })),
        (2, Gen.Int[-90 * 24 * 60, 60].Select(minutes => (Timestamp?)Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(minutes)))));

    private static readonly Gen<Component[]> Components = Gen.Frequency(
        (4, Gen.Select(Text, Gen.Bool, (name, digitized) => new Component { Name = name, Digitized = digitized }).Array[0, 3]),
        (1, Gen.Int[190, 220].Select(count => Enumerable.Range(0, count).Select(i => new Component { Name = $"c{i}" }).ToArray())));

    [Fact]
    public async Task Every_rpc_answers_hostile_input_with_a_contract_status_and_reason_and_changes_nothing_when_it_refuses()
    {
        var token = secure.Pki.Token("portal-fuzz");
        var dossiers = secure.Dossiers(token);
        var catalog = secure.Catalog(token);
        var kpis = secure.Kpis(token);
        var target = NewDossierId();
        await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(target, DateTimeOffset.UtcNow.AddDays(-60)), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson });
        await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(target, DateTimeOffset.UtcNow.AddDays(-59)) });

        var meta = Gen.Select(Gen.Frequency((3, Gen.Const(target)), (1, Text)), Text, Gen.Frequency((3, Gen.Const(0L)), (1, Number)), Text, Time,
            (id, requestId, version, actor, at) => new CommandMeta
            {
                DossierId = id, RequestId = requestId.Length == 0 ? Guid.NewGuid().ToString("N") : requestId, ExpectedVersion = version, Actor = actor, At = at,
            });
        async Task<IMessage> Dossier() => await dossiers.GetAsync(new GetDossierRequest { DossierId = target, IncludeHistory = true });
        async Task<IMessage> Procedures() => await catalog.ListProceduresAsync(new ListProceduresRequest());
        async Task<IMessage> UnitKpis()
        {
            var now = await kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "31", Period = new Period { Kind = PeriodKind.Year } });
            now.AsOf = null;
            return now;
        }
        async Task<IMessage> Nothing() => new Empty();
        var period = Gen.Select(Small, Date, (kind, date) => new Period { Kind = (PeriodKind)kind, Date = date });

        var rpcs = new Rpc[]
        {
            Rpc.Of("AllocateCode", Gen.Select(Text, Date, (unit, date) => new AllocateCodeRequest { UnitCode = unit, Date = date }), request => dossiers.AllocateCodeAsync(request).ResponseAsync, Nothing),
            Rpc.Of("Submit", Gen.Select(meta, Text, Text, Small, Components, (m, unit, procedure, channel, components) => 
                new SubmitRequest { Meta = m, UnitCode = unit, ProcedureCode = procedure, Channel = (Channel)channel, ApplicantType = (ApplicantType)channel, Components = { components } }), request => dossiers.SubmitAsync(request).ResponseAsync, Dossier),
            Rpc.Of("Receive", meta.Select(m => new ReceiveRequest { Meta = m }), request => dossiers.ReceiveAsync(request).ResponseAsync, Dossier),
            Rpc.Of("Refuse", Gen.Select(meta, Text, (m, reason) => new ReasonRequest { Meta = m, Reason = reason }), request => dossiers.RefuseAsync(request).ResponseAsync, Dossier),
            Rpc.Of("StartProcessing", Gen.Select(meta, Text, (m, department) => new StartProcessingRequest { Meta = m, Department = department }), request => dossiers.StartProcessingAsync(request).ResponseAsync, Dossier),
            Rpc.Of("RequestSupplement", Gen.Select(meta, Text, (m, reason) => new ReasonRequest { Meta = m, Reason = reason }), request => dossiers.RequestSupplementAsync(request).ResponseAsync, Dossier),
            Rpc.Of("CompleteSupplement", Gen.Select(meta, Components, (m, components) => new CompleteSupplementRequest { Meta = m, Components = { components } }), request => dossiers.CompleteSupplementAsync(request).ResponseAsync, Dossier),
            Rpc.Of("RequestPayment", Gen.Select(meta, Number, (m, amount) => new RequestPaymentRequest { Meta = m, AmountVnd = amount }), request => dossiers.RequestPaymentAsync(request).ResponseAsync, Dossier),
            Rpc.Of("RecordPayment", Gen.Select(meta, Number, Small, (m, amount, method) => new RecordPaymentRequest { Meta = m, AmountVnd = amount, Method = (PaymentMethod)method }), request => dossiers.RecordPaymentAsync(request).ResponseAsync, Dossier),
            Rpc.Of("FinishProcessing", Gen.Select(meta, Text, Gen.Bool, (m, result, electronic) => new FinishProcessingRequest { Meta = m, ResultCode = result, ElectronicResult = electronic }), request => dossiers.FinishProcessingAsync(request).ResponseAsync, Dossier),
            Rpc.Of("ReturnResult", meta.Select(m => new ReturnResultRequest { Meta = m }), request => dossiers.ReturnResultAsync(request).ResponseAsync, Dossier),
            Rpc.Of("RequestWithdrawal", Gen.Select(meta, Text, (m, reason) => new ReasonRequest { Meta = m, Reason = reason }), request => dossiers.RequestWithdrawalAsync(request).ResponseAsync, Dossier),
            Rpc.Of("StopProcessing", Gen.Select(meta, Text, (m, reason) => new ReasonRequest { Meta = m, Reason = reason }), request => dossiers.StopProcessingAsync(request).ResponseAsync, Dossier),
            Rpc.Of("IssueApology", Gen.Select(meta, Text, Time, (m, reason, appointment) => new IssueApologyRequest { Meta = m, Reason = reason, NewAppointment = appointment }), request => dossiers.IssueApologyAsync(request).ResponseAsync, Dossier),
            Rpc.Of("Rate", Gen.Select(meta, Gen.Bool, (m, satisfied) => new RateRequest { Meta = m, Satisfied = satisfied }), request => dossiers.RateAsync(request).ResponseAsync, Dossier),
            Rpc.Of("MarkSynced", meta.Select(m => new MarkSyncedRequest { Meta = m }), request => dossiers.MarkSyncedAsync(request).ResponseAsync, Dossier),
            Rpc.Of("Get", Gen.Select(Text, Gen.Bool, (id, history) => new GetDossierRequest { DossierId = id, IncludeHistory = history }), request => dossiers.GetAsync(request).ResponseAsync, Nothing),
            Rpc.Of("ListUnits", Text.Select(parent => new ListUnitsRequest { ParentCode = parent }), request => catalog.ListUnitsAsync(request).ResponseAsync, Nothing),
            Rpc.Of("GetUnit", Text.Select(code => new GetUnitRequest { Code = code }), request => catalog.GetUnitAsync(request).ResponseAsync, Nothing),
            Rpc.Of("UpsertProcedure", Gen.Select(Gen.Frequency((1, Gen.Const("PROP-1")), (2, Text)), Text, Small, Small, Number, (code, name, days, hours, fee) => 
                new Api.V1.Procedure { Code = code, Name = name, ProcessingWorkingDays = days, ProcessingHours = hours, FeeVnd = fee }), request => catalog.UpsertProcedureAsync(request).ResponseAsync, Procedures),
            Rpc.Of("GetUnitKpis", Gen.Select(Text, period, (unit, p) => new GetUnitKpisRequest { UnitCode = unit, Period = p }), request => kpis.GetUnitKpisAsync(request).ResponseAsync, Nothing),
            Rpc.Of("WatchUnitKpis", Gen.Select(Text, period, (unit, p) => new GetUnitKpisRequest { UnitCode = unit, Period = p }), request => FirstOfWatch(kpis, request), Nothing),
            Rpc.Of("GetRanking", Gen.Select(Small, Text, period, Small, (level, parent, p, limit) => 
                new GetRankingRequest { Level = (UnitLevel)level, ParentCode = parent, Period = p, Limit = limit }), request => kpis.GetRankingAsync(request).ResponseAsync, Nothing),
            Rpc.Of("SetExternalIndicators", Gen.Select(Gen.Frequency((2, Gen.Const("31")), (1, Text)), period,
                Gen.Select(Gen.Frequency((2, Gen.OneOf("procedures_complete", "payment_used")), (1, Text)),
                    Gen.OneOf(double.NaN, double.NegativeInfinity, -0.5, 0, 0.25, 1, 1.5, double.MaxValue)).Array[0, 12],
                (unit, p, rates) => Indicators(unit, p, rates)), request => kpis.SetExternalIndicatorsAsync(request).ResponseAsync, UnitKpis),
        };

        foreach (var rpc in rpcs)
        {
            await rpc.Sample();
        }
    }

    /// <summary>One RPC: its generated requests, how to send one, and the state a refusal must leave as it was.</summary>
    private sealed record Rpc(string Name, Func<Task> Sample)
    {
        public static Rpc Of<TRequest>(string name, Gen<TRequest> requests, Func<TRequest, Task> send, Func<Task<IMessage>> state)
            where TRequest : IMessage =>
            new(name, () => requests.SampleAsync(async request =>
            {
                var before = await state();
                try
                {
                    await send(request);
                }
                catch (RpcException e)
                {
                    AssertContractRefusal(name, e);
                    Assert.Equal(before, await state());
                }
            }, iter: Iterations, threads: 1, print: request => Cut(request.ToString() ?? "")));
    }

    private static string Cut(string text) => text.Length <= 2_000 ? text : $"{text[..2_000]}… ({text.Length} characters)";

    private static async Task FirstOfWatch(Api.V1.Kpis.KpisClient kpis, GetUnitKpisRequest request)
    {
        using var cancel = new CancellationTokenSource();
        using var watch = kpis.WatchUnitKpis(request, cancellationToken: cancel.Token);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await cancel.CancelAsync();
    }

    private static SetExternalIndicatorsRequest Indicators(string unit, Period period, (string Name, double Rate)[] rates)
    {
        var request = new SetExternalIndicatorsRequest { UnitCode = unit, Period = period };
        foreach (var (name, rate) in rates)
        {
            request.Rates[name] = rate;
        }
        return request;
    }

    private static void AssertContractRefusal(string rpc, RpcException e)
    {
        var reason = e.Reason();
        Assert.True(reason is not null && Reasons.TryGetValue(reason, out var status) && status == e.StatusCode,
            $"{rpc} answered {e.StatusCode} with reason '{reason}': not a status and reason of the contract ({e.Status.Detail})");
        Assert.False(string.IsNullOrWhiteSpace(e.Status.Detail), $"{rpc} refused without a message");
        Assert.True(e.Status.Detail.Length <= 1_000, $"{rpc} answered a message of {e.Status.Detail.Length} characters");
        Assert.DoesNotMatch("[\r\n]", e.Status.Detail);
    }
}
