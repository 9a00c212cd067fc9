using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Time;
using DvcGrains.Grains.Dossiers;
using DvcGrains.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DvcGrains.Grains.Tests.Serialization;

/// <summary>Every domain record that crosses a grain boundary or is stored survives Orleans' codec unchanged.</summary>
public sealed class DomainSerializationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddDomainSerialization().BuildServiceProvider();
    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();
    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();
    private static readonly DateTimeOffset At = VietnamTime.At(new DateOnly(2026, 3, 2), new TimeOnly(9, 0));

    private static T RoundTrip<T>(T value)
    {
        var copy = Serializer.Deserialize<T>(Serializer.SerializeToArray(value));
        Assert.Equivalent(value, Copier.Copy(value), strict: true);
        return copy ?? throw new Xunit.Sdk.XunitException($"{typeof(T).Name} read back as null.");
    }

    public static TheoryData<DossierCommand> Commands() =>
    [
        new Submit("a", At, "D-1", "01", "1.001193", Channel.Online, ApplicantType.Citizen, true, [new("Tờ khai", true, false, true)], false),
        new Receive("a", At),
        new Refuse("a", At, "r"),
        new StartProcessing("a", At, "d"),
        new RequestSupplement("a", At, "r"),
        new CompleteSupplement("a", At, [new("Bản sao", true, true, false)]),
        new RequestPayment("a", At, 10),
        new RecordPayment("a", At, 10, PaymentMethod.OnlineLocalGateway),
        new FinishProcessing("a", At, "KQ", true),
        new ReturnResult("a", At),
        new RequestWithdrawal("a", At, "r"),
        new StopProcessing("a", At, "r"),
        new IssueApology("a", At, "r", At.AddDays(3)),
        new Rate("a", At, false),
        new MarkSynced("a", At),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Commands_keep_their_type_and_fields(DossierCommand command)
    {
        var scope = new CallerScope(["01"], coversAll: false, ["01", "00001"]);
        var copy = RoundTrip(new CommandEnvelope("r-1", 3, command with { Caller = "portal-ha-noi" }, scope));

        Assert.Equal(command.GetType(), copy.Command.GetType());
        Assert.Equivalent(command with { Caller = "portal-ha-noi" }, copy.Command, strict: true);
        Assert.Equal(("r-1", 3L, "portal-ha-noi"), (copy.RequestId, copy.ExpectedVersion, copy.Command.Caller));
        Assert.Equal(["01"], copy.Scope.Granted);
        Assert.Equal(["01", "00001"], copy.Scope.Covered);
        Assert.False(copy.Scope.CoversAll);
        Assert.True(copy.Scope.MayActFor("00001"));
        Assert.False(copy.Scope.MayActFor("79"));
    }

    private static List<DossierEvent> Events() =>
    [
        new DossierSubmitted(1, At, "a", "D-1", "01", "P", Channel.InPerson, ApplicantType.Enterprise, true, [new("x", true, false, false)], true, new(3, 0), At.AddDays(3)),
        new ProcessingStarted(2, At.AddMinutes(1), "a", "d") { Caller = "portal-01" },
        new SupplementRequested(3, At.AddMinutes(2), "a", "r"),
        new SupplementCompleted(4, At.AddMinutes(3), "a", [new("y", true, true, true)], At.AddDays(4), At.AddDays(4)),
        new PaymentRequested(5, At.AddMinutes(4), "a", 100),
        new PaymentRecorded(6, At.AddMinutes(5), "a", 100, PaymentMethod.OnlineNationalPortal),
        new ProcessingFinished(7, At.AddMinutes(6), "a", "KQ", true),
        new ResultReturned(8, At.AddMinutes(7), "a"),
        new DossierRated(9, At.AddMinutes(8), "a", false),
        new DossierSynced(10, At.AddMinutes(9), "a"),
    ];

    [Fact]
    public void A_stored_dossier_record_folds_to_the_same_state()
    {
        var record = new DossierRecord { Events = Events(), RecentRequests = [new AppliedRequest("r", 10)] };

        var copy = RoundTrip(record);

        Assert.Equivalent(DossierState.Fold(record.Events), DossierState.Fold(copy.Events), strict: true);
        Assert.Equivalent(record.Events, copy.Events, strict: true);
        Assert.Equal(10, copy.VersionOf("r"));
    }

    [Fact]
    public void Replies_and_documents_keep_state_and_history()
    {
        var state = DossierState.Fold(Events())!;
        var reply = RoundTrip(DossierReply.Applied(state, replayed: true));
        var refused = RoundTrip(DossierReply.Refused(new DossierRejection(RejectionReason.BadTime, "late")));
        var document = RoundTrip(new DossierDocument(state, DossierHistoryEntry.Of(Events())));

        Assert.Equivalent(state, reply.Dossier, strict: true);
        Assert.True(reply.Replayed);
        Assert.Equal(new DossierRejection(RejectionReason.BadTime, "late"), refused.Rejection);
        Assert.Equal(DossierHistoryEntry.Of(Events()), document.History);
    }

    [Fact]
    public void Kpi_facts_deltas_and_reports_survive()
    {
        var facts = DossierKpiFacts.From(DossierState.Fold(Events())!);
        var delta = KpiDelta.Between(null, facts);
        var period = PeriodRange.Resolve(PeriodKind.Month, new DateOnly(2026, 3, 2));
        var book = new UnitCounterBook();
        book.Apply(delta);
        var externals = ExternalIndicators.Validate(new Dictionary<string, double> { [ExternalIndicatorNames.PaymentUsed] = 0.5 }).Indicators!;
        var report = UnitKpiReport.Compute(period, book.Query(period, At.AddDays(1)), externals, Index766Options.Default, At.AddDays(1));

        Assert.Equal(facts, RoundTrip(new DossierKpiRecord("D-1", 10, facts)).Facts);
        Assert.Equal(delta, RoundTrip(new ChildBatch("01", Guid.NewGuid(), 7, IsSnapshot: false, delta)).Delta);
        var ranked = RoundTrip(new RankedUnitKpis(1, "01", report)).Kpis;
        Assert.Equal(report.Counters, ranked.Counters);
        Assert.Equal(report.Period, ranked.Period);
        Assert.Equal(report.Score.Groups, ranked.Score.Groups);
        Assert.Equal(report.Score.TotalScore, ranked.Score.TotalScore);
        Assert.Equal(new KpiQuery(PeriodKind.Year, new DateOnly(2026, 1, 1), At), RoundTrip(new KpiQuery(PeriodKind.Year, new DateOnly(2026, 1, 1), At)));
    }
}
